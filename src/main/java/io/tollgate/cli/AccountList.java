package io.tollgate.cli;

import io.tollgate.credentials.AccountKind;

/**
 * The credentials file's four lists of accounts, with the keys each kind is written with.
 *
 * @param kind the kind of account, whose label the server's messages name it by ("channel-user acme")
 * @param list the file's list of them, under {@code tollgate.credentials}
 * @param nameKey the key that names one
 * @param secret the short form of its secret ({@code api-secret: "{sha256}…"})
 * @param secrets the list form, items {@code {hash, not-after}}
 * @param person whether the secret is a person's password (bcrypt) rather than a machine secret
 *     (SHA-256)
 */
enum AccountList {
    BRAND(AccountKind.BRAND, "brands", "id", "api-secret", "api-secrets", false),
    CHANNEL_USER(AccountKind.CHANNEL_USER, "channel-users", "username", "password", "passwords", false),
    CLIENT(AccountKind.CLIENT, "clients", "client-id", "client-secret", "client-secrets", false),
    USER(AccountKind.USER, "users", "username", "password", "passwords", true);

    private final AccountKind kind;
    private final String list;
    private final String nameKey;
    private final String secret;
    private final String secrets;
    private final boolean person;

    AccountList(AccountKind kind, String list, String nameKey, String secret, String secrets, boolean person) {
        this.kind = kind;
        this.list = list;
        this.nameKey = nameKey;
        this.secret = secret;
        this.secrets = secrets;
        this.person = person;
    }

    String list() {
        return list;
    }

    String nameKey() {
        return nameKey;
    }

    String secret() {
        return secret;
    }

    String secrets() {
        return secrets;
    }

    boolean person() {
        return person;
    }

    /** "brand acme", as the server's own messages name an entry. */
    String entry(String name) {
        return kind.label() + " " + name;
    }
}
