package io.tollgate.issuer.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;

/**
 * The short-lived values the authorization pages hand the browser instead of keeping a server
 * session: JWS (nimbus, HS256) with a {@code use} claim naming what each one is for and an {@code
 * exp} {@link #lifetime()} after issue. The MAC keys are derived from the issuer's signing keys
 * ({@link PageKeys}), so every replica with the key file checks what any other signed, and one
 * signed before a key rotation stays good while the key it names stays in the file. A value that is
 * malformed, altered, signed otherwise, of another use or expired reads as absent.
 */
final class PageTokens {

    static final String PURPOSE = "tollgate authorization pages";

    private static final JOSEObjectType TYPE = new JOSEObjectType("tollgate-page");
    private static final String USE = "use";

    private final Supplier<PageKeys> keys;
    private final Clock clock;
    private final Duration lifetime;

    /** @param keys the keys in force, read for every value signed or checked */
    PageTokens(Supplier<PageKeys> keys, Clock clock, Duration lifetime) {
        this.keys = keys;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    Duration lifetime() {
        return lifetime;
    }

    /** Signs {@code claims} for {@code use}, expiring {@link #lifetime()} from now. */
    String sign(String use, JWTClaimsSet.Builder claims) {
        PageKeys current = keys.get();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).keyID(current.signingKeyId()).build();
        SignedJWT jwt = new SignedJWT(header, claims
                .claim(USE, use)
                .expirationTime(Date.from(clock.instant().plus(lifetime)))
                .build());
        try {
            jwt.sign(current.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign with HS256", e);
        }
        return jwt.serialize();
    }

    /** The claims of a value signed here for {@code use} and not expired; otherwise {@code null}. */
    JWTClaimsSet verify(String use, String value) {
        if (value == null) {
            return null;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(value);
            JWSHeader header = jwt.getHeader();
            MACVerifier verifier = keys.get().verifier(header.getKeyID());
            if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || !TYPE.equals(header.getType())
                    || verifier == null || !jwt.verify(verifier)) {
                return null;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            Instant now = clock.instant();
            return use.equals(claims.getStringClaim(USE)) && expiry != null && now.isBefore(expiry.toInstant())
                    ? claims
                    : null;
        } catch (ParseException | JOSEException e) {
            return null;
        }
    }
}
