package io.tollgate.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signs tokens of any shape, valid or hostile, for the guard to judge. */
public final class Tokens {

    public static final String ISSUER = "http://localhost:8080";

    private Tokens() {}

    /** Claims of a valid brand token for {@code acme}, living one hour from now. */
    public static JWTClaimsSet.Builder brandClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("acme")
                .audience(List.of("tollgate"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString())
                .claim("kind", "brand")
                .claim("client_id", "acme")
                .claim("scope", "content:read content:write");
    }

    /** The header the issuer's active key writes. */
    public static JWSHeader.Builder activeHeader() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(new JOSEObjectType("at+jwt"))
                .keyID(TestKeys.ACTIVE.getKeyID());
    }

    /** Signed with the gateway's active key and header. */
    public static String sign(JWTClaimsSet claims) {
        return sign(activeHeader().build(), claims, activeSigner());
    }

    public static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return Secrets.remember(jwt.serialize());
    }

    public static JWSSigner activeSigner() {
        try {
            return new RSASSASigner(TestKeys.ACTIVE);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
