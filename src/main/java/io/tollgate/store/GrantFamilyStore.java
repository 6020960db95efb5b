package io.tollgate.store;

import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The tokens that descend from one grant (an authorization code, a password sign-in): the access
 * tokens issued in it and its rotating refresh tokens. Revoking the family revokes them all, which
 * is what a replayed code or a reused refresh token calls for.
 *
 * <p>Revocation and issuance are ordered per family, whatever the interleaving: an access token
 * added before the family is revoked is returned by {@link #revokeFamily}; one added after is
 * refused by {@link #addAccessToken}, and so is a refresh token saved after. A revoked family is
 * remembered even when nothing was added to it yet, so a redemption still minting when a replay
 * revokes its family finds it revoked.
 *
 * <p>An access token stays a member until its {@code exp} plus {@link
 * RevocationStore#LONGEST_CLOCK_SKEW}: the verifier of any replica still accepts it until then, so
 * revoking the family must still reach it.
 *
 * @param <T> what a refresh token stands for
 */
public interface GrantFamilyStore<T> {

    /**
     * Remembers an access token of the family, so that revoking the family revokes it. Emits
     * {@code false} when the family is already revoked: the token is remembered all the same, but
     * the caller must revoke it and not hand it out.
     */
    Mono<Boolean> addAccessToken(String familyId, String tokenId, Instant expiresAt);

    /**
     * Stores a refresh token (by its digest, beside its family) until {@code expiresAt}. Emits
     * {@code false}, storing nothing, when the family is revoked.
     */
    Mono<Boolean> saveRefreshToken(RefreshTokenKey token, T grant, Instant expiresAt);

    /**
     * Reads a refresh token without using it: {@code reused} says it was used already. Empty when
     * the token is unknown, expired, or of a revoked family.
     */
    Mono<RefreshUse<T>> findRefreshToken(RefreshTokenKey token);

    /**
     * Uses a refresh token, atomically: of concurrent calls with one token, exactly one sees
     * {@code reused == false}. Empty when the token is unknown, expired, or of a revoked family,
     * and when the use could not be made durable ({@code tollgate.store.redis.wait-replicas}):
     * the token is spent then, and refused.
     */
    Mono<RefreshUse<T>> useRefreshToken(RefreshTokenKey token);

    /** The family of a refresh token, used or not; empty when unknown or expired. */
    Mono<String> familyOf(RefreshTokenKey token);

    /**
     * Revokes the family: its refresh tokens stop working, and the access tokens issued in it are
     * returned for the caller to revoke. The revocation is remembered at least until {@code
     * rememberUntil}, and as long as any member lives.
     */
    Mono<List<FamilyToken>> revokeFamily(String familyId, Instant rememberUntil);

    /** A refresh token: its family, what it stands for, and whether it had been used before. */
    record RefreshUse<T>(String familyId, T grant, boolean reused) {}

    /** An access token issued in a family. */
    record FamilyToken(String tokenId, Instant expiresAt) {}
}
