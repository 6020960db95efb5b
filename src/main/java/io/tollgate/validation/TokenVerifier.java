package io.tollgate.validation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.token.TrustedIssuer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * Verifies one token from scratch, in the order of nimbus's {@code DefaultJWTProcessor} with a
 * {@code JWTClaimsSetAwareJWSKeySelector}, and with its parts: the claims are read first, for
 * their {@code iss} alone, which picks the trusted issuer ({@link TrustedIssuers}; none: rejected
 * before any key is looked at); then, with that issuer's rules only ({@link IssuerTrust}), {@code
 * typ} must be one it accepts, the key is selected by {@code kid} among its keys with its
 * algorithm pinned ({@link PinnedKeySelector}), the signature is checked (all three in {@link
 * SignatureCheck}), then {@code iss}, {@code exp} and {@code nbf} (with bounded clock skew), its
 * audiences and required claims ({@link DefaultJWTClaimsVerifier}). Only JWS headers parse, so
 * {@code alg: none} never gets as far as a key. The claims are decoded once: the text the
 * signature covers is the text that was read, so nothing read before the check can differ from
 * what it vouches for.
 *
 * <p>Where nimbus's {@code JWSObject} would parse, the token is cut by {@link CompactJws} instead,
 * because nimbus's parsing cost as much as the whole of Tollgate's own work on a cold token ({@code
 * ValidationBenchmark}, docs/BENCHMARKS.md): its constant-time Base64url decoder takes about 10
 * ns a character, 3.3 µs for an RS256 signature and 2.3 µs for the claims, for parts that are
 * public;
 * parsing the header took 1.5 µs, for a header that is the same for every token a key signs, so
 * {@link SignatureCheck} parses each header text once; and the claims JSON is read with Jackson
 * rather than nimbus's bundled Gson, and only the claims some issuer uses are read ({@link
 * ClaimsReader}). No replacement is laxer than nimbus: the JDK's decoder
 * refuses any character outside the Base64url alphabet, where nimbus's skips it, and Jackson
 * refuses duplicate members, as nimbus does, so no two parsers can read one token differently.
 */
public final class TokenVerifier {

    private final TrustedIssuers issuers;
    private final ClaimsReader reader;

    /** A verifier of Tollgate's own tokens only, checked with {@code issuer}'s keys. */
    public TokenVerifier(TrustedIssuer issuer, Duration clockSkew, SignatureCrypto crypto) {
        this(TrustedIssuers.tollgateOnly(issuer, clockSkew, crypto));
    }

    public TokenVerifier(TrustedIssuers issuers) {
        this.issuers = issuers;
        this.reader = ClaimsReader.of(issuers.all());
    }

    public ValidationResult verify(String token) {
        return verify(token, 0, token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Verifies the token {@code source.substring(from)}, such as a credential header's value after
     * its scheme, from its UTF-8 bytes {@code sourceBytes}, which the caller has encoded for the
     * token's digest already: a cold token is neither copied out of its header nor encoded twice.
     */
    ValidationResult verify(String source, int from, byte[] sourceBytes) {
        IssuerTrust trust = null;
        try {
            CompactJws jws = CompactJws.split(source, from, sourceBytes);
            JWTClaimsSet claimsSet = claims(jws);
            trust = issuers.byIssuer(claimsSet.getIssuer());
            if (trust == null) {
                return ValidationResult.rejected(RejectionReason.UNKNOWN_ISSUER);
            }
            String keyId = trust.signature().verify(jws);
            trust.claims().verify(claimsSet, null);
            return ValidationResult.valid(trust.mapping().read(claimsSet), keyId);
        } catch (ParseException | JacksonException | IllegalArgumentException e) {
            return rejected(RejectionReason.MALFORMED, trust);
        } catch (BadJWSException | JOSEException e) {
            return rejected(RejectionReason.BAD_SIGNATURE, trust);
        } catch (ExpiredJWTException e) {
            return rejected(RejectionReason.EXPIRED, trust);
        } catch (BadJWTException e) {
            return rejected(RejectionReason.BAD_CLAIMS, trust);
        } catch (BadJOSEException e) {
            return rejected(RejectionReason.BAD_HEADER, trust);
        }
    }

    private static ValidationResult rejected(RejectionReason reason, IssuerTrust trust) {
        return trust == null ? ValidationResult.rejected(reason) : ValidationResult.rejected(reason, trust.id());
    }

    private JWTClaimsSet claims(CompactJws jws) throws ParseException {
        return reader.read(jws.claimsJson());
    }

    /**
     * The issuer and {@code kid} of a token that names a key its issuer does not know, or {@code
     * null}. Only worth asking about a token {@link #verify} rejected for its header, whose parsed
     * header {@link SignatureCheck} has kept.
     */
    UnknownKey unknownKey(String token) {
        try {
            CompactJws jws = CompactJws.split(token);
            IssuerTrust trust = issuers.byIssuer(claims(jws).getIssuer());
            if (trust == null) {
                return null;
            }
            String keyId = trust.signature().header(jws.header()).getKeyID();
            return keyId != null && trust.keys().find(keyId) == null ? new UnknownKey(trust, keyId) : null;
        } catch (ParseException | JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether the issuer {@code issuerId} still has the key {@code keyId}: a cached verdict of a
     * dropped key must not stay.
     */
    boolean knowsKey(String issuerId, String keyId) {
        IssuerTrust trust = issuers.byId(issuerId);
        return trust != null && trust.keys().find(keyId) != null;
    }

    /**
     * Has the token's issuer look for the key again ({@link TrustedIssuer#refetch}) and, if it
     * turned up, verifies the token once more; otherwise the verdict {@code first} stands. Never
     * blocks: a remote key set completes this when its read of the JWK set is over. Only that
     * issuer's keys are read again: another issuer that is down delays nothing here.
     */
    Mono<ValidationResult> verifyAfterRefetch(String token, UnknownKey unknown, ValidationResult first) {
        return unknown.trust().keys().refetch(unknown.keyId()).map(known -> known ? verify(token) : first);
    }

    /** A {@code kid} that a token names and its issuer does not know (yet). */
    record UnknownKey(IssuerTrust trust, String keyId) {}
}
