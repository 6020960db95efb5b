package io.tollgate.validation;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Duration;
import java.util.Set;

/**
 * nimbus's claims checks for an external issuer, and one more: the token's {@code exp} lies no
 * further than the issuer's {@code max-lifetime} beyond its {@code iat}. A cut-off of the issuer's
 * tokens is kept that long ({@link io.tollgate.token.ExternalTokenLifetimes}); a token issued
 * before it then expires before its record is forgotten, so no admitted token outlives it. The
 * bound is from {@code iat}, not from now: a token first shown late in its life is as bounded as one
 * shown at once.
 */
final class BoundedLifetimeClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

    private final long maxLifetimeSeconds;

    /**
     * @param audiences a token's {@code aud} must contain one of them; {@code null}: any
     * @param issuer the exact {@code iss}
     * @param required the claims a token must carry ({@code exp} and {@code iat} among them)
     * @param maxLifetime the longest {@code exp} minus {@code iat}
     */
    BoundedLifetimeClaimsVerifier(Set<String> audiences, String issuer, Set<String> required, Duration maxLifetime) {
        super(audiences, new JWTClaimsSet.Builder().issuer(issuer).build(), required, null);
        this.maxLifetimeSeconds = maxLifetime.toSeconds();
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        super.verify(claims, context);
        long lifetime = claims.getExpirationTime().getTime() / 1000 - claims.getIssueTime().getTime() / 1000;
        if (lifetime > maxLifetimeSeconds) {
            throw new BadJWTException("The token lives longer than its issuer's max-lifetime");
        }
    }
}
