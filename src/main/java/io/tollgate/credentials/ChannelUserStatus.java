package io.tollgate.credentials;

/** Account state of a channel user; only {@link #ACTIVE} accounts obtain tokens. */
public enum ChannelUserStatus {
    ACTIVE,
    EXPIRED,
    SUSPENDED
}
