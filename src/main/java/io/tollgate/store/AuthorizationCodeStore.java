package io.tollgate.store;

import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Authorization codes, single-use. A redeemed code is kept until it would have expired, so that
 * a replay is recognised (and the tokens issued from it revoked) rather than mistaken for an
 * unknown code.
 *
 * <p>A token request is checked against the code before it is spent: {@link #find} reads it
 * without using it up, so a request that is refused for what it says (another client, another
 * redirect URI, a wrong verifier) leaves the code to its rightful client; {@link #redeem} then
 * spends it atomically.
 *
 * @param <T> what a code stands for
 */
public interface AuthorizationCodeStore<T> {

    /** Stores a new code for {@code ttl}. */
    Mono<Void> save(String code, T grant, Duration ttl);

    /**
     * Reads a code without redeeming it: {@code replayed} says it was redeemed already. Empty
     * when the code is unknown or expired.
     */
    Mono<Redemption<T>> find(String code);

    /**
     * Redeems a code, atomically: of concurrent calls with one code, exactly one sees {@code
     * replayed == false}. Empty when the code is unknown or expired, and when the redemption could
     * not be made durable ({@code tollgate.store.redis.wait-replicas}): the code is spent then, and
     * refused.
     */
    Mono<Redemption<T>> redeem(String code);

    /** A code and whether it had been redeemed before. */
    record Redemption<T>(T grant, boolean replayed) {}
}
