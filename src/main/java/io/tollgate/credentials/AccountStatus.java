package io.tollgate.credentials;

/** Whether a brand, a client or a person may obtain tokens; only {@link #ACTIVE} ones do. */
public enum AccountStatus {
    ACTIVE,
    SUSPENDED
}
