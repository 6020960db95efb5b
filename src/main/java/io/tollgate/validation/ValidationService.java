package io.tollgate.validation;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.tollgate.store.FailurePolicy;
import io.tollgate.store.StoreAvailability;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * Answers whether a token is valid, from cache when it can (see {@link ValidationCaches}).
 *
 * <p>Lookup order: the hot tier by exact token (read in place, {@link TokenKey}); then the rejected cache and the accepted cache by
 * SHA-256; then verification. A verified token enters the accepted cache; its second use
 * promotes it to the hot tier. Concurrent requests with the same new token share one verification
 * (single flight: the first puts a future into {@code verifying} and verifies, the others wait on
 * that future; the verdict enters its cache before the future leaves {@code verifying}, so a
 * request never finds neither). Revocation (of the token, or a cut-off of its subject or client:
 * {@link RevocationCheck}) is checked on every answer, cached or not.
 *
 * <p>The single flight is a map of its own rather than Caffeine's {@code AsyncCache}, which
 * keeps the pending future in the cache: that costs a second cache write per new token (the
 * future's entry is replaced once it completes, to learn the token's expiry), and a future per
 * cached token. One write instead of two measured 256 ns against 491 ns with the benchmark's full
 * cache, where every write evicts (docs/BENCHMARKS.md).
 *
 * <p>While the store is unavailable ({@link StoreAvailability}), cached answers stand: the
 * revocations received before the outage stay applied. A token not in the cache is still verified,
 * but not cached, since a revocation announced during the outage may have been missed; a valid one
 * is refused ({@link FailurePolicy#FAIL_CLOSED}) or admitted and counted ({@link
 * FailurePolicy#FAIL_OPEN}).
 *
 * <p>Verification is tens of microseconds of CPU work with no I/O, done on the calling thread as
 * Spring Security's reactive decoders do; there is nothing to block on. The one exception is a
 * token naming a key its issuer does not know: that issuer's JWK set (a split gateway's copy of
 * Tollgate's, or an external issuer's) is read again before deciding ({@link RemoteKeySet}), and
 * the verdict follows that read asynchronously; tokens of every other issuer go on meanwhile.
 */
public final class ValidationService {

    private static final Mono<ValidationResult> TOO_LARGE =
            Mono.just(ValidationResult.rejected(RejectionReason.TOO_LARGE));
    private static final ValidationResult MALFORMED = ValidationResult.rejected(RejectionReason.MALFORMED);

    private final TokenVerifier verifier;
    private final RevocationCheck revocations;
    private final Cache<TokenKey, ValidationResult> hot;
    private final Cache<TokenDigest, ValidationResult> accepted;
    private final ConcurrentHashMap<TokenDigest, CompletableFuture<ValidationResult>> verifying =
            new ConcurrentHashMap<>();
    private final Cache<TokenDigest, ValidationResult> rejected;
    private final int maxTokenLength;
    private final Timer fromCache;
    private final Timer verified;
    private final StoreAvailability store;
    private final FailurePolicy onFailure;
    private final Counter admittedUnchecked;

    public ValidationService(
            TokenVerifier verifier,
            RevocationCheck revocations,
            ValidationCaches caches,
            int maxTokenLength,
            Timer fromCache,
            Timer verified,
            StoreAvailability store,
            FailurePolicy onFailure,
            Counter admittedUnchecked) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.hot = caches.hot();
        this.accepted = caches.accepted();
        this.rejected = caches.rejected();
        this.maxTokenLength = maxTokenLength;
        this.fromCache = fromCache;
        this.verified = verified;
        this.store = store;
        this.onFailure = onFailure;
        this.admittedUnchecked = admittedUnchecked;
    }

    public Mono<ValidationResult> validate(String token) {
        return validate(token, 0);
    }

    /**
     * Validates the token {@code credential.substring(from)}, such as a credential header's value
     * after its scheme, without copying it on a hot-tier hit ({@link TokenKey}): a cached verdict
     * then costs the same for a long token as for a short one.
     */
    public Mono<ValidationResult> validate(String credential, int from) {
        if (credential.length() - from > maxTokenLength) {
            return TOO_LARGE;
        }
        long start = System.nanoTime();
        TokenKey exact = TokenKey.in(credential, from);
        ValidationResult hit = hot.getIfPresent(exact);
        if (hit != null) {
            return Mono.just(timed(fromCache, start, unlessRevoked(hit)));
        }
        byte[] bytes = exact.sourceBytes();
        TokenDigest digest = TokenDigest.of(bytes, exact.from());
        ValidationResult known = rejected.getIfPresent(digest);
        if (known != null) {
            return Mono.just(timed(fromCache, start, unlessRevoked(known)));
        }
        ValidationResult seen = accepted.getIfPresent(digest);
        if (seen != null) {
            return Mono.just(timed(fromCache, start, unlessRevoked(promote(exact, seen))));
        }
        CompletableFuture<ValidationResult> pending = verifying.get(digest);
        if (pending == null) {
            if (!store.isAvailable()) {
                return Mono.just(timed(verified, start, unlessRevoked(verifyWhileStoreDown(digest, exact, bytes))));
            }
            CompletableFuture<ValidationResult> mine = new CompletableFuture<>();
            pending = verifying.putIfAbsent(digest, mine);
            if (pending == null) {
                return verifyUnlessSettled(mine, exact, digest, bytes, start);
            }
        }
        return Mono.fromFuture(pending, true)
                .map(result -> timed(fromCache, start, unlessRevoked(promote(exact, result))));
    }

    /**
     * The verdict the caches hold for {@code token}, or {@code null}: a look that validates,
     * promotes, times and counts nothing (Caffeine's quiet read leaves the cache meters alone), for
     * the guard's span, which says whether a verdict came from cache. No revocation check.
     */
    public ValidationResult cached(String token) {
        if (token.length() > maxTokenLength) {
            return null;
        }
        TokenKey exact = TokenKey.of(token);
        ValidationResult hit = hot.policy().getIfPresentQuietly(exact);
        if (hit != null) {
            return hit;
        }
        TokenDigest digest = TokenDigest.of(exact);
        ValidationResult known = rejected.policy().getIfPresentQuietly(digest);
        return known != null ? known : accepted.policy().getIfPresentQuietly(digest);
    }

    /**
     * Verifies a token this request is the first to claim, unless a verification of it settled
     * between this request's cache lookups and its claim. The second look is quiet ({@code
     * getIfPresentQuietly}): this request's miss was counted by the first, and a quiet read skips
     * the statistics and the access bookkeeping (an entry found here was written an instant ago).
     */
    private Mono<ValidationResult> verifyUnlessSettled(
            CompletableFuture<ValidationResult> mine, TokenKey exact, TokenDigest digest, byte[] bytes, long start) {
        ValidationResult settled = accepted.policy().getIfPresentQuietly(digest);
        if (settled == null) {
            settled = rejected.policy().getIfPresentQuietly(digest);
        }
        if (settled == null) {
            return verifyInto(mine, digest, exact, bytes, start);
        }
        verifying.remove(digest, mine);
        mine.complete(settled);
        return Mono.just(timed(fromCache, start, unlessRevoked(promote(exact, settled))));
    }

    /**
     * Verifies a token this request is the first to present and settles the single-flight future
     * with the verdict. When the token names a key the issuer does not know, the verdict waits for
     * the issuer's keys to be looked up again ({@link TokenVerifier#verifyAfterRefetch}); that wait
     * settles the future on its own, so a caller that gives up never leaves the others waiting.
     */
    private Mono<ValidationResult> verifyInto(
            CompletableFuture<ValidationResult> mine, TokenDigest digest, TokenKey exact, byte[] bytes, long start) {
        ValidationResult first = verify(exact, bytes);
        TokenVerifier.UnknownKey unknownKey =
                first.reason() == RejectionReason.BAD_HEADER ? verifier.unknownKey(exact.token()) : null;
        if (unknownKey == null) {
            return Mono.just(timed(verified, start, unlessRevoked(settle(mine, digest, first))));
        }
        verifier.verifyAfterRefetch(exact.token(), unknownKey, first)
                .subscribe(result -> settle(mine, digest, result), error -> settle(mine, digest, MALFORMED));
        return Mono.fromFuture(mine, true).map(result -> timed(verified, start, unlessRevoked(result)));
    }

    /** @param bytes the UTF-8 bytes of the text the token is part of, as its digest read them */
    private ValidationResult verify(TokenKey exact, byte[] bytes) {
        try {
            return verifier.verify(exact.source(), exact.from(), bytes);
        } catch (RuntimeException e) {
            // Fail closed, and never leave the requests waiting on this verification hanging.
            return MALFORMED;
        }
    }

    private ValidationResult settle(
            CompletableFuture<ValidationResult> mine, TokenDigest digest, ValidationResult result) {
        if (result.isValid()) {
            keep(accepted, digest, result);
        } else {
            rejected.put(digest, result);
        }
        verifying.remove(digest, mine);
        mine.complete(result);
        return result;
    }

    private ValidationResult verifyWhileStoreDown(TokenDigest digest, TokenKey exact, byte[] bytes) {
        ValidationResult result = verify(exact, bytes);
        if (!result.isValid()) {
            rejected.put(digest, result);
            return result;
        }
        if (onFailure == FailurePolicy.FAIL_CLOSED) {
            return ValidationResult.rejected(RejectionReason.STORE_UNAVAILABLE, result.issuer());
        }
        admittedUnchecked.increment();
        return result;
    }

    /**
     * An accepted token found by digest, that is, seen a second time, joins the hot tier, so its
     * next hits cost no digest. A token seen once is never copied there: a first sight costs one
     * cache insert, not two, and one-off tokens cannot crowd the small hot tier.
     */
    private ValidationResult promote(TokenKey exact, ValidationResult result) {
        if (result.isValid()) {
            keep(hot, exact, result);
        }
        return result;
    }

    /** The verdict, or {@code REVOKED} for a valid token revoked since it was judged. */
    private ValidationResult unlessRevoked(ValidationResult result) {
        return result.isValid() && revocations.isRevoked(result.token())
                ? ValidationResult.rejected(RejectionReason.REVOKED, result.issuer())
                : result;
    }

    /**
     * Caches an accepted verdict, unless the issuer dropped its key meanwhile. The verdicts of a
     * dropped key are purged once the new key set is in place ({@link ValidationCaches#forget}); a
     * verdict reached with the key before the swap and cached after the purge walked past would
     * outlive it. Looking for the key after the put closes that gap: either the purge sees the
     * entry, or this look sees the new key set.
     */
    private <K> void keep(Cache<K, ValidationResult> cache, K key, ValidationResult result) {
        cache.put(key, result);
        if (!verifier.knowsKey(result.issuer(), result.keyId())) {
            cache.invalidate(key);
        }
    }

    /** Records the time from {@code start} to this verdict, which every answer passes through. */
    private ValidationResult timed(Timer timer, long start, ValidationResult result) {
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }
}
