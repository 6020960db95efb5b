package io.tollgate.credentials;

/** The four kinds of provisioned account, named as the audit lines and meter labels name them. */
public enum AccountKind {
    BRAND("brand"),
    CHANNEL_USER("channel-user"),
    CLIENT("client"),
    USER("user");

    private final String label;

    AccountKind(String label) {
        this.label = label;
    }

    /** {@code brand}, {@code channel-user}, {@code client} or {@code user}. */
    public String label() {
        return label;
    }
}
