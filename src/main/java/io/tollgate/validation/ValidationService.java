package io.tollgate.validation;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Timer;
import io.tollgate.store.RevocationStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * Answers whether a token is valid, from cache when it can.
 *
 * <p>Accepted tokens are cached by {@link TokenDigest} until their {@code exp} or a configured
 * maximum; concurrent requests with the same new token share one verification (single flight: the
 * first request inserts an incomplete future and verifies; the others wait on that future).
 * Rejected tokens go to a separate, smaller, short-lived cache, so a flood of bad tokens cannot
 * evict good ones. Revocation is checked on every answer, cached or not.
 *
 * <p>Verification is CPU work of tens of microseconds with no I/O, done on the calling thread like
 * Spring Security's reactive decoders do; there is nothing to block on.
 */
public final class ValidationService {

    private static final Mono<ValidationResult> TOO_LARGE =
            Mono.just(ValidationResult.rejected(RejectionReason.TOO_LARGE));
    private static final ValidationResult REVOKED = ValidationResult.rejected(RejectionReason.REVOKED);

    private final TokenVerifier verifier;
    private final RevocationStore revocations;
    private final AsyncCache<TokenDigest, ValidationResult> accepted;
    private final Cache<TokenDigest, ValidationResult> rejected;
    private final int maxTokenLength;
    private final Timer fromCache;
    private final Timer verified;

    public ValidationService(
            TokenVerifier verifier,
            RevocationStore revocations,
            ValidationCaches caches,
            int maxTokenLength,
            Timer fromCache,
            Timer verified) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.accepted = caches.accepted();
        this.rejected = caches.rejected();
        this.maxTokenLength = maxTokenLength;
        this.fromCache = fromCache;
        this.verified = verified;
    }

    public Mono<ValidationResult> validate(String token) {
        if (token.length() > maxTokenLength) {
            return TOO_LARGE;
        }
        long start = System.nanoTime();
        TokenDigest key = TokenDigest.of(token);
        ValidationResult known = rejected.getIfPresent(key);
        if (known != null) {
            return Mono.just(timed(fromCache, start, known));
        }
        CompletableFuture<ValidationResult> pending = accepted.getIfPresent(key);
        if (pending == null) {
            CompletableFuture<ValidationResult> mine = new CompletableFuture<>();
            pending = accepted.asMap().putIfAbsent(key, mine);
            if (pending == null) {
                return Mono.just(timed(verified, start, verifyInto(mine, key, token)));
            }
        }
        if (pending.isDone()) {
            return Mono.just(timed(fromCache, start, pending.join()));
        }
        return Mono.fromFuture(pending, true).map(result -> timed(fromCache, start, result));
    }

    private ValidationResult verifyInto(CompletableFuture<ValidationResult> mine, TokenDigest key, String token) {
        ValidationResult result;
        try {
            result = verifier.verify(token);
        } catch (RuntimeException e) {
            // Fail closed, and never leave the requests waiting on this verification hanging.
            result = ValidationResult.rejected(RejectionReason.MALFORMED);
        }
        if (!result.isValid()) {
            rejected.put(key, result);
            accepted.asMap().remove(key, mine);
        }
        mine.complete(result);
        return result;
    }

    private ValidationResult timed(Timer timer, long start, ValidationResult result) {
        ValidationResult checked = result.isValid() && revocations.isRevoked(result.token().tokenId())
                ? REVOKED
                : result;
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return checked;
    }
}
