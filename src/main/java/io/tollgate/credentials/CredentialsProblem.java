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
        return new InvalidConfigurationException(entry + ": " + problem, SOURCE);
    }

    /** A value from a field that holds no secret, in quotes, on one line. */
    static String quote(Object value) {
        String text = String.valueOf(value);
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            quoted.append(c >= 0x20 && c <= 0x7e ? c : '?');
        }
        return quoted.append('\'').toString();
    }

    static String brand(Brand brand) {
        return "brand " + brand.id();
    }

    static String channelUser(ChannelUser user) {
        return "channel-user " + user.username();
    }

    static String client(OAuthClient client) {
        return "client " + client.clientId();
    }

    static String user(User user) {
        return "user " + user.username();
    }
}
