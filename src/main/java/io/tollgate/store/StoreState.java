package io.tollgate.store;

/**
 * Whether Redis is reachable and this replica's revocation set is current, as {@link
 * RedisStoreMonitor} last found it. The adapters, the rate limiter and the guard read it on the
 * request path, so it is a plain volatile flag.
 */
final class StoreState implements StoreAvailability {

    private volatile boolean available;

    @Override
    public boolean isAvailable() {
        return available;
    }

    void set(boolean available) {
        this.available = available;
    }
}
