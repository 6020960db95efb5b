package io.tollgate.issuer.oauth;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.credentials.GrantType;
import io.tollgate.credentials.OAuthClient;
import io.tollgate.issuer.IssuedToken;
import io.tollgate.issuer.TokenMinter;
import io.tollgate.store.GrantFamilyStore;
import io.tollgate.store.RefreshTokenKey;
import io.tollgate.store.RevocationStore;
import io.tollgate.token.TokenKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Issues the tokens of the OAuth dialect through the shared {@link TokenMinter}: access tokens for
 * a person ({@code oauth-user}) or for a client itself ({@code oauth-app}), and rotating refresh
 * tokens that belong to a grant family.
 *
 * <p>A family can be revoked while one of its tokens is being minted (a replay racing the first
 * redemption). The store orders the two: a token added before the revocation is revoked with the
 * family; one added after finds the family revoked, and is then revoked here and never handed
 * out (an audit line says so), the issuance failing with {@code invalid_grant}. A refresh token
 * is not stored in a revoked family at all.
 */
final class OAuthTokens {

    private final TokenMinter minter;
    private final GrantFamilyStore<RefreshGrant> families;
    private final RevocationStore revocations;
    private final AuditLog audit;
    private final Duration userLifetime;
    private final Duration appLifetime;
    private final Duration refreshLifetime;
    private final Clock clock;

    OAuthTokens(
            TokenMinter minter,
            GrantFamilyStore<RefreshGrant> families,
            RevocationStore revocations,
            AuditLog audit,
            Duration userLifetime,
            Duration appLifetime,
            Duration refreshLifetime,
            Clock clock) {
        this.minter = minter;
        this.families = families;
        this.revocations = revocations;
        this.audit = audit;
        this.userLifetime = userLifetime;
        this.appLifetime = appLifetime;
        this.refreshLifetime = refreshLifetime;
        this.clock = clock;
    }

    /**
     * An access token for a person, recorded in its family so that revoking the family revokes it;
     * {@code invalid_grant} when the family is revoked already.
     */
    Mono<IssuedToken> forUser(String clientId, String username, Set<String> scopes, String familyId) {
        IssuedToken token = minter.mint(TokenKind.OAUTH_USER, username, clientId, scopes, userLifetime);
        String tokenId = token.token().tokenId();
        Instant expiresAt = Instant.ofEpochSecond(token.token().expiresAtEpochSecond());
        return families.addAccessToken(familyId, tokenId, expiresAt).flatMap(live -> live
                ? Mono.just(token)
                : revocations.revoke(tokenId, expiresAt)
                        .doOnSuccess(done -> audit.record(AuditEvent.of("revocation.token.revoked")
                                .with("jti", tokenId)
                                .with("kind", TokenKind.OAUTH_USER.claimValue())
                                .with("subject", username)
                                .with("client_id", clientId)
                                .with("via", "family_revoked")
                                .with("family", familyId)))
                        .then(Mono.error(OAuthTokens::revokedGrant)));
    }

    /**
     * The tokens of a grant for a person: an access token with {@code scopes} (the grant's, or
     * fewer on a refresh) and, when the client may refresh, a new refresh token for the whole grant.
     */
    Mono<TokenResponse> forGrant(OAuthClient client, RefreshGrant grant, Set<String> scopes, String familyId) {
        boolean refreshes = client.allows(GrantType.REFRESH_TOKEN);
        Instant refreshExpiresAt = grant.grantedAt().plus(refreshLifetime);
        if (refreshes && !refreshExpiresAt.isAfter(clock.instant())) {
            return Mono.error(OAuthError.invalidGrant("The grant has expired"));
        }
        return forUser(client.clientId(), grant.username(), scopes, familyId)
                .flatMap(access -> refreshes
                        ? refreshToken(familyId, grant, refreshExpiresAt).map(token -> new TokenResponse(access, token))
                        : Mono.just(new TokenResponse(access, null)));
    }

    /** An access token a client gets for itself (client credentials): no family, no refresh token. */
    IssuedToken forApp(String clientId, Set<String> scopes) {
        return minter.mint(TokenKind.OAUTH_APP, clientId, clientId, scopes, appLifetime);
    }

    /**
     * A new refresh token of the family, stored only as its digest; {@code invalid_grant} when the
     * family was revoked meanwhile (its access token, added before, is revoked with it).
     */
    private Mono<String> refreshToken(String familyId, RefreshGrant grant, Instant expiresAt) {
        String token = SecureTokens.refreshToken(familyId);
        return families.saveRefreshToken(new RefreshTokenKey(familyId, SecureTokens.digest(token)), grant, expiresAt)
                .flatMap(saved -> saved ? Mono.just(token) : Mono.error(revokedGrant()));
    }

    private static OAuthError revokedGrant() {
        return OAuthError.invalidGrant("The grant was revoked");
    }
}
