package io.tollgate.validation;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import io.tollgate.token.TrustedIssuer;
import java.time.Duration;

/**
 * Everything one trusted issuer's tokens are checked with, as nimbus's {@code
 * JWTClaimsSetAwareJWSKeySelector} picks it by {@code iss}: the issuer's own keys (never another
 * issuer's, whatever {@code kid} a token names), its accepted {@code typ} headers and pinned
 * algorithms ({@link SignatureCheck}), its claims rules (exact {@code iss}, {@code exp}/{@code nbf}
 * with the skew, audiences, required claims) and its claim mapping.
 *
 * @param id the configured issuer id: {@code tollgate}, or an external entry's {@code id}
 * @param issuer the exact {@code iss} of its tokens
 * @param keys its keys
 * @param signature the JOSE checks with its keys
 * @param claims the claims checks
 * @param mapping how its claims read as an access token
 * @param required whether readiness waits for its keys ({@code required: true}; always for Tollgate's)
 * @param maxLifetime an external issuer's {@code max-lifetime}; {@code null} for Tollgate's own,
 *     whose lifetimes are {@code tollgate.issuer.lifetimes}
 */
record IssuerTrust(
        String id,
        String issuer,
        TrustedIssuer keys,
        SignatureCheck signature,
        DefaultJWTClaimsVerifier<SecurityContext> claims,
        ClaimsMapping mapping,
        boolean required,
        Duration maxLifetime) {}
