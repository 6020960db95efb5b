package io.tollgate.store;

import java.util.List;

/**
 * The cause of a {@link StoreUnavailableException} for a write the primary made but fewer
 * replicas than {@code tollgate.store.redis.wait-replicas} acknowledged within {@code
 * wait-timeout}: a failover now could lose it.
 */
final class ReplicationShortfall extends RuntimeException {

    private final transient List<String> reply;

    /** @param reply what the script replied on the primary, for a caller that goes on all the same */
    ReplicationShortfall(List<String> reply) {
        super("Fewer replicas acknowledged the write than wait-replicas asks", null, false, false);
        this.reply = List.copyOf(reply);
    }

    /** The reply of the write whose failure {@code error} is ({@link #causes}). */
    static List<String> replyOf(Throwable error) {
        return ((ReplicationShortfall) error.getCause()).reply;
    }

    /** True when {@code error} is a store failure for this reason. */
    static boolean causes(Throwable error) {
        return error instanceof StoreUnavailableException && error.getCause() instanceof ReplicationShortfall;
    }
}
