package io.tollgate.issuer.oauth;

import io.tollgate.credentials.GrantType;
import io.tollgate.credentials.OAuthClient;
import io.tollgate.store.GrantFamilyStore;
import reactor.core.publisher.Mono;

/**
 * {@code grant_type=refresh_token} with rotation: each refresh token works once and is replaced
 * by a new one of the same family; presenting a used one fails and revokes the whole family (RFC
 * 9700 §4.14). A refresh may narrow the scopes, never widen them.
 */
final class RefreshTokenGrant implements TokenGrant {

    private final GrantFamilyStore<RefreshGrant> families;
    private final OAuthTokens tokens;
    private final FamilyRevocation revocation;

    RefreshTokenGrant(GrantFamilyStore<RefreshGrant> families, OAuthTokens tokens, FamilyRevocation revocation) {
        this.families = families;
        this.tokens = tokens;
        this.revocation = revocation;
    }

    @Override
    public GrantType type() {
        return GrantType.REFRESH_TOKEN;
    }

    @Override
    public Mono<TokenResponse> grant(OAuthClient client, Parameters parameters) {
        String refreshToken = parameters.required("refresh_token");
        String scope = parameters.optional("scope");
        return families.useRefreshToken(SecureTokens.digest(refreshToken))
                .switchIfEmpty(Mono.error(() -> OAuthError.invalidGrant("The refresh token is unknown or expired")))
                .flatMap(use -> {
                    if (use.reused()) {
                        return revocation.revoke(use.familyId()).then(Mono.error(OAuthError.invalidGrant(
                                "The refresh token was already used; its grant is revoked")));
                    }
                    RefreshGrant grant = use.grant();
                    if (!grant.clientId().equals(client.clientId())) {
                        return Mono.error(OAuthError.invalidGrant("The refresh token was issued to another client"));
                    }
                    return tokens.forGrant(client, grant, Scopes.requested(scope, grant.scopes()), use.familyId());
                });
    }
}
