package io.tollgate.store;

/**
 * What a call to the store was for: the {@code operation} tag of {@code
 * tollgate_store_errors_total}, a fixed set so its cardinality stays bounded.
 */
enum StoreOperation {
    CODE_SAVE("code.save"),
    CODE_FIND("code.find"),
    CODE_REDEEM("code.redeem"),
    FAMILY_ADD("family.add"),
    FAMILY_REVOKE("family.revoke"),
    REFRESH_SAVE("refresh.save"),
    REFRESH_FIND("refresh.find"),
    REFRESH_USE("refresh.use"),
    REFRESH_FAMILY("refresh.family"),
    LOCKOUT_RESERVE("lockout.reserve"),
    LOCKOUT_RELEASE("lockout.release"),
    LOCKOUT_RESET("lockout.reset"),
    REVOCATION_WRITE("revocation.write"),
    REVOCATION_SUBSCRIBE("revocation.subscribe"),
    REVOCATION_RELOAD("revocation.reload"),
    CUT_OFF_WRITE("cutoff.write"),
    CUT_OFF_RELOAD("cutoff.reload"),
    PING("ping"),
    /** A write that fewer replicas than {@code wait-replicas} acknowledged within {@code wait-timeout}. */
    REPLICATION_WAIT("replication.wait");

    private final String tag;

    StoreOperation(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}
