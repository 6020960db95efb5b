package io.tollgate.credentials;

import io.tollgate.startup.InvalidConfigurationException;

/**
 * The one line that stops the start on a credentials file that cannot work: the entry ("client
 * demo-web"), what is wrong with it, and the fix. Values are quoted only from fields that hold no
 * secret, and with anything outside printable ASCII replaced, so the line stays one line.
 */
final class CredentialsProblem {

    static final String SOURCE = "the credentials file (tollgate.credentials.location)";

    private CredentialsProblem() {}

    static InvalidConfigurationException of(String entry, String problem) {
        return new InvalidConfigurationException(printable(entry) + ": " + problem, SOURCE);
    }

    /** A value from a field that holds no secret, in quotes, on one line. */
    static String quote(Object value) {
        return "'" + printable(String.valueOf(value)) + "'";
    }

    private static String printable(String text) {
        StringBuilder printable = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            printable.append(c >= 0x20 && c <= 0x7e ? c : '?');
        }
        return printable.toString();
    }

    /** "brand acme", "client demo-web": how a refusal names an entry. */
    static String entry(AccountKind kind, String id) {
        return kind.label() + " " + id;
    }

    static String entry(Account account) {
        return entry(account.kind(), account.id());
    }
}
