package io.tollgate.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.token.AccessToken;
import io.tollgate.token.AccessTokenClaims;
import io.tollgate.token.TokenKind;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Signs access tokens with the active key of the ring in force, read for every token: after a
 * reload, the next token carries the new key's {@code kid}. Every dialect mints through here.
 */
public final class TokenMinter {

    private static final Base64.Encoder ID_ENCODING = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;
    private final List<String> audiences;
    private final Clock clock;
    private final SecureRandom random;

    public TokenMinter(SigningKeys keys, List<String> audiences, Clock clock) {
        this.keys = keys;
        this.audiences = List.copyOf(audiences);
        this.clock = clock;
        this.random = new SecureRandom();
    }

    /**
     * Mints a token.
     *
     * @param clientId the client the token is issued to, or the empty string
     */
    public IssuedToken mint(
            TokenKind kind, String subject, String clientId, Collection<String> scopes, Duration lifetime) {
        KeyRing keyRing = keys.current();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        AccessToken token = new AccessToken(AccessToken.TOLLGATE, newTokenId(), subject, kind, clientId, Set.copyOf(scopes), audiences,
                now.getEpochSecond(), now.plus(lifetime).getEpochSecond());
        SignedJWT jwt = new SignedJWT(keyRing.signingHeader(), AccessTokenClaims.toClaims(token, keyRing.issuer()));
        try {
            jwt.sign(keyRing.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing failed", e);
        }
        return new IssuedToken(jwt.serialize(), token, lifetime.toSeconds());
    }

    /** 128 random bits: unguessable, and unique without coordination between replicas. */
    private String newTokenId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return ID_ENCODING.encodeToString(id);
    }
}
