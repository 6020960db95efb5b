package io.tollgate.revocation;

/**
 * Who asked for a revocation, for its audit line.
 *
 * @param via the endpoint or mechanism, say {@code POST /actuator/revocations} or {@code credentials reload}
 * @param clientAddress the caller's address ({@link io.tollgate.gateway.ClientAddress}), or {@code -} when
 *     there is no caller
 */
public record RevocationOrigin(String via, String clientAddress) {

    /** The address of an origin that is not a request. */
    public static final String NO_ADDRESS = "-";
}
