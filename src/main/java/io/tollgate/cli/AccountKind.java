package io.tollgate.cli;

/**
 * The four kinds of account of the credentials file, with the keys each is written with.
 *
 * @param list the file's list of them, under {@code tollgate.credentials}
 * @param nameKey the key that names one
 * @param label what the server's messages call one ("channel-user acme")
 * @param secret the short form of its secret ({@code api-secret: "{sha256}…"})
 * @param secrets the list form, items {@code {hash, not-after}}
 * @param person whether the secret is a person's password (bcrypt) rather than a machine secret
 *     (SHA-256)
 */
enum AccountKind {
    BRAND("brands", "id", "brand", "api-secret", "api-secrets", false),
    CHANNEL_USER("channel-users", "username", "channel-user", "password", "passwords", false),
    CLIENT("clients", "client-id", "client", "client-secret", "client-secrets", false),
    USER("users", "username", "user", "password", "passwords", true);

    private final String list;
    private final String nameKey;
    private final String label;
    private final String secret;
    private final String secrets;
    private final boolean person;

    AccountKind(String list, String nameKey, String label, String secret, String secrets, boolean person) {
        this.list = list;
        this.nameKey = nameKey;
        this.label = label;
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
        return label + " " + name;
    }
}
