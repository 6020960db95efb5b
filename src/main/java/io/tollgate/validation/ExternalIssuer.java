package io.tollgate.validation;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * One external issuer, as {@link ExternalIssuerCheck} accepted it from {@code
 * tollgate.validation.issuers}.
 *
 * @param id the configured id
 * @param issuer the exact {@code iss}
 * @param jwksUri its JWK set, or {@code null} when it is discovered from the issuer's metadata
 * @param audiences a token's {@code aud} must contain one of them; {@code null}: any audience
 * @param algorithms the only algorithms its keys may verify
 * @param types the accepted {@code typ} headers ({@code null} among them: an absent one too)
 * @param claims how its claims read as an access token
 * @param required whether readiness waits for its keys
 * @param maxLifetime the longest {@code exp} minus {@code iat} of a token admitted
 */
record ExternalIssuer(
        String id,
        String issuer,
        URI jwksUri,
        Set<String> audiences,
        Set<JWSAlgorithm> algorithms,
        Set<JOSEObjectType> types,
        ExternalClaims claims,
        boolean required,
        Duration maxLifetime) {}
