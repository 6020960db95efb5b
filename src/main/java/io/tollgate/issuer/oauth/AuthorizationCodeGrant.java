package io.tollgate.issuer.oauth;

import io.tollgate.credentials.GrantType;
import io.tollgate.credentials.OAuthClient;
import io.tollgate.store.AuthorizationCodeStore;
import io.tollgate.validation.RevocationCheck;
import java.time.Clock;
import reactor.core.publisher.Mono;

/**
 * {@code grant_type=authorization_code}: a single-use code, for the client it was issued to, with
 * the redirect URI of the authorize request and, when the code carries a PKCE challenge, the
 * matching {@code code_verifier}.
 *
 * <p>The request is checked against the code before the code is spent: one that names another
 * client, another redirect URI or a wrong verifier fails with {@code invalid_grant} and leaves the
 * code as it was, for its rightful client to redeem. Only a request that passes every check
 * redeems it, atomically; if the code was redeemed already (found so, or lost the race to a
 * concurrent redemption), that request is a replay: it fails and revokes every token issued from
 * the code. A spent code presented by a request that fails a check revokes nothing: it could never
 * have obtained the tokens, so it says nothing about who holds them, and revoking on it would let
 * whoever saw a code cancel its client's grant.
 *
 * <p>A code issued before a cut-off of its person or its client ({@link RevocationCheck#endsGrant})
 * is refused with {@code invalid_grant} once redeemed, as a code of a revoked grant: the tokens it
 * would mint would postdate the cut-off. (A code saved by an earlier version carries no issue
 * time, and is not checked.)
 */
final class AuthorizationCodeGrant implements TokenGrant {

    private final AuthorizationCodeStore<CodeGrant> codes;
    private final OAuthTokens tokens;
    private final FamilyRevocation revocation;
    private final RevocationCheck check;
    private final Clock clock;

    AuthorizationCodeGrant(AuthorizationCodeStore<CodeGrant> codes, OAuthTokens tokens, FamilyRevocation revocation,
            RevocationCheck check, Clock clock) {
        this.codes = codes;
        this.tokens = tokens;
        this.revocation = revocation;
        this.check = check;
        this.clock = clock;
    }

    @Override
    public GrantType type() {
        return GrantType.AUTHORIZATION_CODE;
    }

    @Override
    public Mono<TokenResponse> grant(OAuthClient client, Parameters parameters) {
        String code = SecureTokens.digest(parameters.required("code"));
        String redirectUri = parameters.required("redirect_uri");
        String verifier = parameters.optional("code_verifier");
        return codes.find(code)
                .switchIfEmpty(Mono.error(AuthorizationCodeGrant::unknown))
                .flatMap(found -> {
                    CodeGrant grant = found.grant();
                    check(grant, client, redirectUri, verifier);
                    if (found.replayed()) {
                        return replayed(grant);
                    }
                    return codes.redeem(code)
                            .switchIfEmpty(Mono.error(AuthorizationCodeGrant::unknown))
                            .flatMap(redemption -> redemption.replayed() ? replayed(grant) : issue(client, grant));
                });
    }

    private Mono<TokenResponse> issue(OAuthClient client, CodeGrant grant) {
        if (grant.issuedAt() != null && check.endsGrant(client.clientId(), grant.username(), grant.issuedAt())) {
            return revocation.revoke(grant.familyId(), FamilyRevocation.Reason.CUT_OFF)
                    .then(Mono.error(OAuthError.invalidGrant("The grant was revoked")));
        }
        RefreshGrant refresh = new RefreshGrant(client.clientId(), grant.username(), grant.scopes(), clock.instant());
        return tokens.forGrant(client, refresh, grant.scopes(), grant.familyId());
    }

    private Mono<TokenResponse> replayed(CodeGrant grant) {
        return revocation.revoke(grant.familyId(), FamilyRevocation.Reason.CODE_REPLAY).then(Mono.error(OAuthError.invalidGrant(
                "The code was already used; the tokens issued from it are revoked")));
    }

    private static OAuthError unknown() {
        return OAuthError.invalidGrant("The code is unknown or expired");
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
