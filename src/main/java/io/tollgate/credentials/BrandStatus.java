package io.tollgate.credentials;

/** Whether a brand may obtain tokens. */
public enum BrandStatus {
    ACTIVE,
    SUSPENDED
}
