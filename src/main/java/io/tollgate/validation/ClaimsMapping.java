package io.tollgate.validation;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tollgate.token.AccessToken;
import io.tollgate.token.AccessTokenClaims;
import java.text.ParseException;

/**
 * How one issuer's verified claims read as an {@link AccessToken}: Tollgate's own names ({@link
 * AccessTokenClaims}), or an external issuer's configured mapping ({@link ExternalClaims}).
 */
@FunctionalInterface
interface ClaimsMapping {

    /** Tollgate's own tokens. */
    ClaimsMapping TOLLGATE = AccessTokenClaims::fromClaims;

    /**
     * @param claims claims whose signature, issuer, lifetime and audience were verified
     * @throws ParseException when a mapped claim is missing or of the wrong type
     */
    AccessToken read(JWTClaimsSet claims) throws ParseException;
}
