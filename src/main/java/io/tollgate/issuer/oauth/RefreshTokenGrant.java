package io.tollgate.issuer.oauth;

import io.tollgate.credentials.GrantType;
import io.tollgate.credentials.OAuthClient;
import io.tollgate.store.GrantFamilyStore;
import io.tollgate.store.RefreshTokenKey;
import io.tollgate.validation.RevocationCheck;
import java.util.Optional;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * {@code grant_type=refresh_token} with rotation: each refresh token works once and is replaced
 * by a new one of the same family; presenting a used one fails and revokes the whole family (RFC
 * 9700 §4.14). A refresh may narrow the scopes, never widen them.
 *
 * <p>The request is checked before the token is used up: a token of another client fails with
 * {@code invalid_grant}, a scope outside the grant with {@code invalid_scope}, and either leaves
 * the token working, so that the client's corrected retry is not mistaken for reuse. Reuse is
 * judged for the token's own client only (for another client the token is refused as above):
 * whether the token was found used already or lost the race to a concurrent refresh, the request
 * fails and the family is revoked, whatever scope it asked for.
 *
 * <p>A token of a grant that began before a cut-off of its person or its client ({@link
 * RevocationCheck#endsGrant}) fails with {@code invalid_grant}, as one of a revoked family does,
 * and revokes its family: revocation by subject reaches refresh families when they are next used.
 */
final class RefreshTokenGrant implements TokenGrant {

    private final GrantFamilyStore<RefreshGrant> families;
    private final OAuthTokens tokens;
    private final FamilyRevocation revocation;
    private final RevocationCheck check;

    RefreshTokenGrant(GrantFamilyStore<RefreshGrant> families, OAuthTokens tokens, FamilyRevocation revocation,
            RevocationCheck check) {
        this.families = families;
        this.tokens = tokens;
        this.revocation = revocation;
        this.check = check;
    }

    @Override
    public GrantType type() {
        return GrantType.REFRESH_TOKEN;
    }

    @Override
    public Mono<TokenResponse> grant(OAuthClient client, Parameters parameters) {
        Optional<RefreshTokenKey> refreshToken = SecureTokens.refreshKey(parameters.required("refresh_token"));
        String scope = parameters.optional("scope");
        return Mono.justOrEmpty(refreshToken)
                .flatMap(families::findRefreshToken)
                .switchIfEmpty(Mono.error(RefreshTokenGrant::unknown))
                .flatMap(found -> {
                    if (!found.grant().clientId().equals(client.clientId())) {
                        return Mono.error(OAuthError.invalidGrant("The refresh token was issued to another client"));
                    }
                    RefreshGrant grant = found.grant();
                    if (check.endsGrant(grant.clientId(), grant.username(), grant.grantedAt())) {
                        return cutOff(found.familyId());
                    }
                    if (found.reused()) {
                        return reused(found.familyId());
                    }
                    Set<String> scopes = Scopes.requested(scope, found.grant().scopes());
                    return families.useRefreshToken(refreshToken.orElseThrow())
                            .switchIfEmpty(Mono.error(RefreshTokenGrant::unknown))
                            .flatMap(use -> use.reused()
                                    ? reused(use.familyId())
                                    : tokens.forGrant(client, use.grant(), scopes, use.familyId()));
                });
    }

    private Mono<TokenResponse> reused(String familyId) {
        return revocation.revoke(familyId, FamilyRevocation.Reason.REFRESH_REUSE).then(Mono.error(
                OAuthError.invalidGrant("The refresh token was already used; its grant is revoked")));
    }

    private Mono<TokenResponse> cutOff(String familyId) {
        return revocation.revoke(familyId, FamilyRevocation.Reason.CUT_OFF)
                .then(Mono.error(OAuthError.invalidGrant("The grant was revoked")));
    }

    private static OAuthError unknown() {
        return OAuthError.invalidGrant("The refresh token is unknown or expired");
    }
}
