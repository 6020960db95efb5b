package io.tollgate.validation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import io.tollgate.token.AccessTokenClaims;
import java.security.Key;
import java.text.ParseException;
import java.util.List;

/**
 * The JOSE half of nimbus's {@code DefaultJOSEProcessor}, step for step and with its parts: the
 * header's {@code typ} must be {@code at+jwt} ({@link DefaultJOSEObjectTypeVerifier}; an external
 * issuer's configured {@code types} for its tokens), the key is
 * selected by {@code kid} with its algorithm pinned ({@link PinnedKeySelector}), and a verifier
 * from the provider's {@link JWSVerifierFactory} checks the signature, critical headers included.
 *
 * <p>What differs is the input. {@code DefaultJOSEProcessor} takes a {@code JWSObject}, which
 * parses its header again for every token; here headers are parsed by nimbus's {@link
 * JWSHeader#parse(Base64URL)} once per distinct header text and kept (every token one key signs
 * has the same header). The memo is keyed by the exact text, bounded, and holds only headers that
 * parsed, so a flood of odd headers costs what parsing each would have cost anyway. Likewise the
 * verifier of each key is made once, where {@code DefaultJOSEProcessor} asks its factory for a new
 * one per token.
 */
final class SignatureCheck {

    private static final int HEADERS_KEPT = 256;
    private static final int KEYS_KEPT = 64;

    private final JOSEObjectTypeVerifier<SecurityContext> type;
    private final Cache<String, JWSHeader> headers =
            Caffeine.newBuilder().maximumSize(HEADERS_KEPT).executor(Runnable::run).build();
    private final JWSKeySelector<SecurityContext> keys;
    private final JWSVerifierFactory verifiers;
    private final Cache<Key, JWSVerifier> verifierOfKey =
            Caffeine.newBuilder().weakKeys().maximumSize(KEYS_KEPT).executor(Runnable::run).build();

    /** The check of Tollgate's own tokens: {@code typ} must be {@code at+jwt}. */
    SignatureCheck(JWSKeySelector<SecurityContext> keys, JWSVerifierFactory verifiers) {
        this(keys, verifiers, new DefaultJOSEObjectTypeVerifier<>(AccessTokenClaims.TYPE));
    }

    /** @param type which {@code typ} headers are accepted: an external issuer's own list */
    SignatureCheck(
            JWSKeySelector<SecurityContext> keys,
            JWSVerifierFactory verifiers,
            JOSEObjectTypeVerifier<SecurityContext> type) {
        this.type = type;
        this.keys = keys;
        this.verifiers = verifiers;
    }

    /**
     * @return the {@code kid} of the key that verified the signature
     * @throws ParseException when the header is not a JWS header
     * @throws BadJWSException when no selected key verifies the signature
     * @throws BadJOSEException when the header's type is wrong, or no key is selected for it
     * @throws JOSEException when no verifier can be made for the selected key
     */
    String verify(CompactJws jws) throws ParseException, BadJOSEException, JOSEException {
        JWSHeader header = header(jws.header());
        if (!header.isBase64URLEncodePayload()) {
            throw new BadJOSEException("Unencoded payloads (RFC 7797) are not accepted");
        }
        type.verify(header.getType(), null);
        List<? extends Key> candidates = keys.selectJWSKeys(header, null);
        if (candidates.isEmpty()) {
            throw new BadJOSEException("Another algorithm expected, or no matching key found");
        }
        for (Key key : candidates) {
            if (verifier(header, key).verify(header, jws.signingInput(), jws.signature())) {
                return header.getKeyID();
            }
        }
        throw new BadJWSException("Invalid signature");
    }

    /**
     * The verifier of {@code key}, made once per key: nimbus's verifiers hold nothing of one token
     * (each {@code verify} takes its own {@code Signature}), and a key is pinned to one algorithm
     * ({@link PinnedKeySelector}), so the verifier made for its first token fits every other. Kept by
     * the key's identity, weakly: a key its issuer dropped takes its verifier with it.
     */
    private JWSVerifier verifier(JWSHeader header, Key key) throws JOSEException {
        JWSVerifier verifier = verifierOfKey.getIfPresent(key);
        if (verifier == null) {
            verifier = verifiers.createJWSVerifier(header, key);
            verifierOfKey.put(key, verifier);
        }
        return verifier;
    }

    /** The header part {@code text}, parsed: from the memo when it was seen before. */
    JWSHeader header(String text) throws ParseException {
        JWSHeader header = headers.getIfPresent(text);
        if (header == null) {
            header = JWSHeader.parse(new Base64URL(text));
            headers.put(text, header);
        }
        return header;
    }
}
