package io.tollgate.issuer.oauth;

import io.tollgate.credentials.GrantType;
import io.tollgate.credentials.OAuthClient;
import io.tollgate.issuer.IssuedToken;
import io.tollgate.issuer.TokenMinter;
import io.tollgate.store.GrantFamilyStore;
import io.tollgate.validation.TokenKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Issues the tokens of the OAuth dialect through the shared {@link TokenMinter}: access tokens for
 * a person ({@code oauth-user}) or for a client itself ({@code oauth-app}), and rotating refresh
 * tokens that belong to a grant family.
 */
final class OAuthTokens {

    private final TokenMinter minter;
    private final GrantFamilyStore<RefreshGrant> families;
    private final Duration userLifetime;
    private final Duration appLifetime;
    private final Duration refreshLifetime;
    private final Clock clock;

    OAuthTokens(
            TokenMinter minter,
            GrantFamilyStore<RefreshGrant> families,
            Duration userLifetime,
            Duration appLifetime,
            Duration refreshLifetime,
            Clock clock) {
        this.minter = minter;
        this.families = families;
        this.userLifetime = userLifetime;
        this.appLifetime = appLifetime;
        this.refreshLifetime = refreshLifetime;
        this.clock = clock;
    }

    /** An access token for a person, recorded in its family so that revoking the family revokes it. */
    Mono<IssuedToken> forUser(String clientId, String username, Set<String> scopes, String familyId) {
        IssuedToken token = minter.mint(TokenKind.OAUTH_USER, username, clientId, scopes, userLifetime);
        return families.addAccessToken(familyId, token.token().tokenId(),
                        Instant.ofEpochSecond(token.token().expiresAtEpochSecond()))
                .thenReturn(token);
    }

    /**
     * The tokens of a grant for a person: an access token with {@code scopes} (the grant's, or
     * fewer on a refresh) and, when the client may refresh, a new refresh token for the whole grant.
     */
    Mono<TokenResponse> forGrant(OAuthClient client, RefreshGrant grant, Set<String> scopes, String familyId) {
        return forUser(client.clientId(), grant.username(), scopes, familyId)
                .flatMap(access -> client.allows(GrantType.REFRESH_TOKEN)
                        ? refreshToken(familyId, grant).map(token -> new TokenResponse(access, token))
                        : Mono.just(new TokenResponse(access, null)));
    }

    /** An access token a client gets for itself (client credentials): no family, no refresh token. */
    IssuedToken forApp(String clientId, Set<String> scopes) {
        return minter.mint(TokenKind.OAUTH_APP, clientId, clientId, scopes, appLifetime);
    }

    /** A new refresh token of the family, stored only as its digest. */
    private Mono<String> refreshToken(String familyId, RefreshGrant grant) {
        String token = SecureTokens.random();
        Instant expiresAt = grant.grantedAt().plus(refreshLifetime);
        if (!expiresAt.isAfter(clock.instant())) {
            return Mono.error(OAuthError.invalidGrant("The grant has expired"));
        }
        return families.saveRefreshToken(SecureTokens.digest(token), familyId, grant, expiresAt).thenReturn(token);
    }
}
