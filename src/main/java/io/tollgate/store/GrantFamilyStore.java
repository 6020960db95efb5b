package io.tollgate.store;

import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The tokens that descend from one grant (an authorization code, a password sign-in): the access
 * tokens issued in it and its rotating refresh tokens. Revoking the family revokes them all, which
 * is what a replayed code or a reused refresh token calls for.
 *
 * @param <T> what a refresh token stands for
 */
public interface GrantFamilyStore<T> {

    /** Remembers an access token of the family, so that revoking the family revokes it. */
    Mono<Void> addAccessToken(String familyId, String tokenId, Instant expiresAt);

    /** Stores a refresh token (by its hash) of the family until {@code expiresAt}. */
    Mono<Void> saveRefreshToken(String tokenHash, String familyId, T grant, Instant expiresAt);

    /**
     * Uses a refresh token, atomically: of concurrent calls with one token, exactly one sees
     * {@code reused == false}. Empty when the token is unknown, expired, or of a revoked family.
     */
    Mono<RefreshUse<T>> useRefreshToken(String tokenHash);

    /** The family of a refresh token (by its hash), used or not; empty when unknown or expired. */
    Mono<String> familyOf(String tokenHash);

    /**
     * Revokes the family: its refresh tokens stop working, and the access tokens issued in it are
     * returned for the caller to revoke.
     */
    Mono<List<FamilyToken>> revokeFamily(String familyId);

    /** A used refresh token: its family, what it stands for, and whether it had been used before. */
    record RefreshUse<T>(String familyId, T grant, boolean reused) {}

    /** An access token issued in a family. */
    record FamilyToken(String tokenId, Instant expiresAt) {}
}
