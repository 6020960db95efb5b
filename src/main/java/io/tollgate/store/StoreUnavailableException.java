package io.tollgate.store;

/**
 * A store operation failed or timed out. Endpoints answer it with 503 in their dialect; the
 * message names the operation and the kind of failure, never a key or value.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String operation, Throwable cause) {
        super("State store unavailable during " + operation
                + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")"), cause);
    }
}
