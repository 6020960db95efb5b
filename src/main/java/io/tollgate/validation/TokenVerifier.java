package io.tollgate.validation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.token.AccessTokenClaims;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies one token from scratch, in the order of nimbus's {@code DefaultJWTProcessor} and with
 * its parts: {@code typ} must be {@code at+jwt}, the key is selected by {@code kid} with its
 * algorithm pinned ({@link PinnedKeySelector}), the signature is checked (all three in {@link
 * SignatureCheck}), then {@code iss}, {@code exp} and {@code nbf} (with bounded clock skew) and
 * the claims every Tollgate token carries ({@link DefaultJWTClaimsVerifier}). Only JWS headers
 * parse, so {@code alg: none} never gets as far as a key.
 *
 * <p>Where nimbus's {@code JWSObject} would parse, the token is cut by {@link CompactJws} instead,
 * because nimbus's parsing cost as much as the whole of Tollgate's own work on a cold token ({@code
 * ValidationBenchmark}, docs/BENCHMARKS.md): its constant-time Base64url decoder takes about 10
 * ns a character, 3.3 µs for an RS256 signature and 2.3 µs for the claims, for parts that are
 * public (the claims are decoded only once the signature over their exact text has been checked);
 * parsing the header took 1.5 µs, for a header that is the same for every token a key signs, so
 * {@link SignatureCheck} parses each header text once; and the claims JSON is read with Jackson
 * rather than nimbus's bundled Gson. No replacement is laxer than nimbus: the JDK's decoder
 * refuses any character outside the Base64url alphabet, where nimbus's skips it, and Jackson
 * refuses duplicate members, as nimbus does, so no two parsers can read one token differently.
 */
public final class TokenVerifier {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private static final JsonMapper CLAIMS_JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final TrustedIssuer issuer;
    private final SignatureCheck signature;
    private final DefaultJWTClaimsVerifier<SecurityContext> claims;

    public TokenVerifier(TrustedIssuer issuer, Duration clockSkew, SignatureCrypto crypto) {
        this.issuer = issuer;
        this.claims = new DefaultJWTClaimsVerifier<>(
                null, new JWTClaimsSet.Builder().issuer(issuer.issuer()).build(), AccessTokenClaims.REQUIRED);
        claims.setMaxClockSkew(Math.toIntExact(clockSkew.toSeconds()));
        this.signature = new SignatureCheck(new PinnedKeySelector(issuer), crypto.verifierFactory());
    }

    public ValidationResult verify(String token) {
        try {
            CompactJws jws = CompactJws.split(token);
            String keyId = signature.verify(jws);
            JWTClaimsSet claimsSet = JWTClaimsSet.parse(CLAIMS_JSON.readValue(jws.claimsJson(), JSON_OBJECT));
            claims.verify(claimsSet, null);
            return ValidationResult.valid(AccessTokenClaims.fromClaims(claimsSet), keyId);
        } catch (ParseException | JacksonException | IllegalArgumentException e) {
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

    /**
     * The {@code kid} of a token that names a key the issuer does not know, or {@code null}. Only
     * worth asking about a token {@link #verify} rejected for its header, whose parsed header
     * {@link SignatureCheck} has kept.
     */
    public String unknownKeyId(String token) {
        try {
            String keyId = signature.header(CompactJws.split(token).header()).getKeyID();
            return keyId != null && issuer.find(keyId) == null ? keyId : null;
        } catch (ParseException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the issuer still has the key {@code keyId}: a cached verdict of a dropped key must not stay. */
    boolean knowsKey(String keyId) {
        return issuer.find(keyId) != null;
    }

    /**
     * Has the issuer look for the key {@code keyId} again ({@link TrustedIssuer#refetch}) and, if it
     * turned up, verifies the token once more; otherwise the verdict {@code first} stands. Never
     * blocks: a remote key set completes this when its read of the JWK set is over.
     */
    public Mono<ValidationResult> verifyAfterRefetch(String token, String keyId, ValidationResult first) {
        return issuer.refetch(keyId).map(known -> known ? verify(token) : first);
    }
}
