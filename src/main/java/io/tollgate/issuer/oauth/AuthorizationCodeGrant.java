package io.tollgate.issuer.oauth;

import io.tollgate.credentials.GrantType;
import io.tollgate.credentials.OAuthClient;
import io.tollgate.store.AuthorizationCodeStore;
import java.time.Clock;
import reactor.core.publisher.Mono;

/**
 * {@code grant_type=authorization_code}: a single-use code, for the client it was issued to, with
 * the redirect URI of the authorize request and, when the code carries a PKCE challenge, the
 * matching {@code code_verifier}. A replayed code fails and revokes every token issued from it.
 */
final class AuthorizationCodeGrant implements TokenGrant {

    private final AuthorizationCodeStore<CodeGrant> codes;
    private final OAuthTokens tokens;
    private final FamilyRevocation revocation;
    private final Clock clock;

    AuthorizationCodeGrant(
            AuthorizationCodeStore<CodeGrant> codes, OAuthTokens tokens, FamilyRevocation revocation, Clock clock) {
        this.codes = codes;
        this.tokens = tokens;
        this.revocation = revocation;
        this.clock = clock;
    }

    @Override
    public GrantType type() {
        return GrantType.AUTHORIZATION_CODE;
    }

    @Override
    public Mono<TokenResponse> grant(OAuthClient client, Parameters parameters) {
        String code = parameters.required("code");
        String redirectUri = parameters.required("redirect_uri");
        String verifier = parameters.optional("code_verifier");
        return codes.redeem(SecureTokens.digest(code))
                .switchIfEmpty(Mono.error(() -> OAuthError.invalidGrant("The code is unknown or expired")))
                .flatMap(redemption -> {
                    CodeGrant grant = redemption.grant();
                    if (redemption.replayed()) {
                        return revocation.revoke(grant.familyId()).then(Mono.error(OAuthError.invalidGrant(
                                "The code was already used; the tokens issued from it are revoked")));
                    }
                    check(grant, client, redirectUri, verifier);
                    RefreshGrant refresh =
                            new RefreshGrant(client.clientId(), grant.username(), grant.scopes(), clock.instant());
                    return tokens.forGrant(client, refresh, grant.scopes(), grant.familyId());
                });
    }

    private static void check(CodeGrant grant, OAuthClient client, String redirectUri, String verifier) {
        if (!grant.clientId().equals(client.clientId())) {
            throw OAuthError.invalidGrant("The code was issued to another client");
        }
        if (!grant.redirectUri().equals(redirectUri)) {
            throw OAuthError.invalidGrant("redirect_uri differs from the authorization request's");
        }
        if (grant.codeChallenge() == null) {
            if (verifier != null) {
                throw OAuthError.invalidGrant("The code was issued without a code_challenge");
            }
        } else if (verifier == null) {
            throw OAuthError.invalidGrant("code_verifier is required for this code");
        } else if (!Pkce.matches(verifier, grant.codeChallenge())) {
            throw OAuthError.invalidGrant("code_verifier does not match the code_challenge");
        }
    }
}
