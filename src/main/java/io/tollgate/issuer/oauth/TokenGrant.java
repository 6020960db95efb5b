package io.tollgate.issuer.oauth;

import io.tollgate.credentials.GrantType;
import io.tollgate.credentials.OAuthClient;
import reactor.core.publisher.Mono;

/** One {@code grant_type} of the token endpoint, for an already authenticated client. */
interface TokenGrant {

    GrantType type();

    /** The tokens, or an error signal carrying an {@link OAuthError}. */
    Mono<TokenResponse> grant(OAuthClient client, Parameters parameters);
}
