package io.tollgate.store;

/**
 * Whether the store is reachable and this replica's copy of the revocation set is current. Read
 * on the request path, so it answers from memory.
 */
@FunctionalInterface
public interface StoreAvailability {

    /** The in-process store of a single instance, which is always there. */
    StoreAvailability ALWAYS = () -> true;

    boolean isAvailable();
}
