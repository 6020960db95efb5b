package io.tollgate.issuer.oauth;

import io.tollgate.credentials.Authentication;
import io.tollgate.credentials.GrantType;
import io.tollgate.credentials.OAuthClient;
import java.time.Clock;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * {@code grant_type=password}, Geni's "trusted app flow": only for clients registered as trusted.
 * Starts a new grant family.
 */
final class PasswordGrant implements TokenGrant {

    private final UserSignIn signIn;
    private final OAuthTokens tokens;
    private final Clock clock;

    PasswordGrant(UserSignIn signIn, OAuthTokens tokens, Clock clock) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public GrantType type() {
        return GrantType.PASSWORD;
    }

    @Override
    public Mono<TokenResponse> grant(OAuthClient client, Parameters parameters) {
        String username = parameters.required("username");
        String password = parameters.required("password");
        Set<String> scopes = Scopes.requested(parameters.optional("scope"), client.scopes());
        return signIn.signIn(username, password).flatMap(result -> {
            if (result.outcome() != Authentication.Outcome.AUTHENTICATED) {
                return Mono.error(OAuthError.invalidGrant("Invalid resource owner credentials"));
            }
            RefreshGrant grant = new RefreshGrant(client.clientId(), username, scopes, clock.instant());
            return tokens.forGrant(client, grant, scopes, SecureTokens.random());
        });
    }
}
