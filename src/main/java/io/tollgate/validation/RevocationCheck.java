package io.tollgate.validation;

import io.tollgate.revocation.CutOffTarget;
import io.tollgate.store.CutOffStore;
import io.tollgate.store.RevocationStore;
import io.tollgate.token.AccessToken;
import io.tollgate.token.TokenKind;
import java.time.Instant;

/**
 * Whether a verified token has been revoked since: its {@code jti} ({@link RevocationStore}), or
 * a cut-off of its subject or, for OAuth tokens, of its client ({@link CutOffStore}) later than
 * its {@code iat}. Asked on every answer of the guard, cached or not, so it answers from memory:
 * two or three hash lookups by strings the token already holds, no allocation.
 *
 * <p>Cut-offs are keyed by the token's issuer id ({@link AccessToken#issuer()}): a cut-off of
 * subject {@code alice} of Keycloak ends no token of Tollgate's own {@code alice}. Refresh grants
 * are Tollgate's ({@link CutOffTarget#DEFAULT_ISSUER}).
 */
public final class RevocationCheck {

    private static final String ISSUER = CutOffTarget.DEFAULT_ISSUER;

    private final RevocationStore tokens;
    private final CutOffStore cutOffs;

    public RevocationCheck(RevocationStore tokens, CutOffStore cutOffs) {
        this.tokens = tokens;
        this.cutOffs = cutOffs;
    }

    public boolean isRevoked(AccessToken token) {
        return tokens.isRevoked(token.tokenId()) || isCutOff(token);
    }

    /**
     * Whether a person's grant through a client (a refresh token's) began before a cut-off of the
     * person or of the client.
     */
    public boolean endsGrant(String clientId, String username, Instant grantedAt) {
        long began = grantedAt.getEpochSecond();
        return began < cutOffs.subjectCutOff(ISSUER, TokenKind.OAUTH_USER, username)
                || began < cutOffs.clientCutOff(ISSUER, clientId);
    }

    private boolean isCutOff(AccessToken token) {
        long issuedAt = token.issuedAtEpochSecond();
        if (issuedAt < cutOffs.subjectCutOff(token.issuer(), token.kind(), token.subject())) {
            return true;
        }
        return token.kind().isOAuth() && !token.clientId().isEmpty()
                && issuedAt < cutOffs.clientCutOff(token.issuer(), token.clientId());
    }
}
