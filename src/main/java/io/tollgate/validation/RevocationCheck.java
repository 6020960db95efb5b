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
 * <p>Tollgate's own tokens are those of {@link CutOffTarget#DEFAULT_ISSUER}.
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
        if (issuedAt < cutOffs.subjectCutOff(ISSUER, token.kind(), token.subject())) {
            return true;
        }
        return token.kind().isOAuth() && !token.clientId().isEmpty()
                && issuedAt < cutOffs.clientCutOff(ISSUER, token.clientId());
    }
}
