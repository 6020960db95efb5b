package io.tollgate.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.tollgate.crypto.SignatureCrypto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;

/**
 * Reads a JWK set file into a {@link KeyRing}: the one check the start and every reload apply. A
 * refusal names the entry (by position and, when it has one, {@code kid}) and the problem in one
 * sentence. Parser messages are never passed on: the file holds private keys, and a JSON parser's
 * message quotes the text around the fault.
 */
public final class KeyRingFile {

    private KeyRingFile() {}

    /**
     * The ring of the JWK set in {@code file}.
     *
     * @param activeKid the key that signs; {@code null}: the first in the file
     * @throws IllegalArgumentException naming the entry and the problem
     * @throws UncheckedIOException when the file cannot be read
     */
    public static KeyRing read(Resource file, String issuer, String activeKid, SignatureCrypto crypto) {
        String json;
        try {
            json = file.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read signing keys from " + file.getDescription() + ": "
                    + e.getClass().getSimpleName(), e);
        }
        return new KeyRing(issuer, parse(json), activeKid, crypto);
    }

    /** The JWK set in {@code json}, each key parsed on its own so that a refusal can name it. */
    static JWKSet parse(String json) {
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("The signing keys file is not a JSON object");
        }
        if (!(document.get("keys") instanceof List<?> entries)) {
            throw new IllegalArgumentException("The signing keys file is not a JWK set: it has no \"keys\" array");
        }
        List<JWK> keys = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            keys.add(parseKey(i + 1, entries.get(i)));
        }
        return new JWKSet(keys);
    }

    private static JWK parseKey(int position, Object entry) {
        if (!(entry instanceof Map<?, ?> member)) {
            throw new IllegalArgumentException("Key " + position + " of the signing keys file is not a JSON object");
        }
        String name = member.get("kid") instanceof String kid ? "Key " + position + " (kid " + kid + ")"
                : "Key " + position;
        JWK key;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) member;
            key = JWK.parse(object);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException(name + " of the signing keys file is not a valid JWK"
                    + " (details withheld: the file holds private keys)");
        }
        if (key.getKeyID() == null || key.getAlgorithm() == null) {
            throw new IllegalArgumentException(name + " of the signing keys file needs both kid and alg");
        }
        return key;
    }

    /** A ring of one RS256 key generated now, for a demo: lost at stop. */
    static KeyRing generated(String issuer, SignatureCrypto crypto) {
        return new KeyRing(issuer, new JWKSet(generateRsaKey()), null, crypto);
    }

    private static JWK generateRsaKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA signing key", e);
        }
    }
}
