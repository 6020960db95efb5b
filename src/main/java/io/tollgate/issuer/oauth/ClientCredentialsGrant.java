package io.tollgate.issuer.oauth;

import io.tollgate.credentials.GrantType;
import io.tollgate.credentials.OAuthClient;
import reactor.core.publisher.Mono;

/**
 * {@code grant_type=client_credentials}, Geni's "app login flow": a confidential client gets a
 * token for itself (kind {@code oauth-app}), without a refresh token.
 */
final class ClientCredentialsGrant implements TokenGrant {

    private final OAuthTokens tokens;

    ClientCredentialsGrant(OAuthTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public GrantType type() {
        return GrantType.CLIENT_CREDENTIALS;
    }

    @Override
    public Mono<TokenResponse> grant(OAuthClient client, Parameters parameters) {
        return Mono.fromSupplier(() -> new TokenResponse(
                tokens.forApp(client.clientId(), Scopes.requested(parameters.optional("scope"), client.scopes())),
                null));
    }
}
