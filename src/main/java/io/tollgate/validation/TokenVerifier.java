package io.tollgate.validation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.text.ParseException;
import java.time.Duration;

/**
 * Verifies one token from scratch with nimbus's {@link DefaultJWTProcessor} pipeline: {@code typ}
 * must be {@code at+jwt}, the key is selected by {@code kid} with its algorithm pinned, then the
 * signature, then {@code iss}, {@code exp} and {@code nbf} (with bounded clock skew) and the claims
 * every Tollgate token carries. Only signed JWTs are parsed, so {@code alg: none} never gets as far
 * as the pipeline.
 */
public final class TokenVerifier {

    /** RFC 9068 media type of JWT access tokens. */
    public static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    private final DefaultJWTProcessor<SecurityContext> processor;

    public TokenVerifier(TrustedIssuer issuer, Duration clockSkew) {
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                null, new JWTClaimsSet.Builder().issuer(issuer.issuer()).build(), AccessTokenClaims.REQUIRED);
        claims.setMaxClockSkew(Math.toIntExact(clockSkew.toSeconds()));
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(ACCESS_TOKEN_TYPE));
        processor.setJWSKeySelector(new PinnedKeySelector(issuer));
        processor.setJWTClaimsSetVerifier(claims);
    }

    public ValidationResult verify(String token) {
        try {
            JWTClaimsSet claims = processor.process(SignedJWT.parse(token), null);
            return ValidationResult.valid(AccessTokenClaims.fromClaims(claims));
        } catch (ParseException e) {
            return ValidationResult.rejected(RejectionReason.MALFORMED);
        } catch (BadJWSException | JOSEException e) {
            return ValidationResult.rejected(RejectionReason.BAD_SIGNATURE);
        } catch (ExpiredJWTException e) {
            return ValidationResult.rejected(RejectionReason.EXPIRED);
        } catch (BadJWTException e) {
            return ValidationResult.rejected(RejectionReason.BAD_CLAIMS);
        } catch (BadJOSEException e) {
            return ValidationResult.rejected(RejectionReason.BAD_HEADER);
        }
    }
}
