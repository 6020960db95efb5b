package io.tollgate.validation;

import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

/**
 * A JWS in compact serialization, cut at its two dots, as nimbus's {@code JWSObject.parse} cuts it
 * but without parsing the header, which {@link SignatureCheck} reads once per distinct header text.
 * The signature is decoded here, by the JDK's Base64url decoder; the claims are left as text until
 * the signature over them has been checked.
 *
 * @param header the header part, as it appears in the token
 * @param signingInput the bytes the signature covers: header part, dot, claims part
 * @param claims the claims part, still Base64url-encoded
 * @param signature the signature part, its bytes already decoded ({@link DecodedBase64URL})
 */
record CompactJws(String header, byte[] signingInput, String claims, Base64URL signature) {

    /**
     * @throws ParseException when the token does not have exactly three parts, or its signature part
     *     is empty
     * @throws IllegalArgumentException when the signature part has a character outside the
     *     Base64url alphabet
     */
    static CompactJws split(String token) throws ParseException {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new ParseException("A JWS in compact serialization has exactly three parts", 0);
        }
        if (second == token.length() - 1) {
            throw new ParseException("The signature must not be empty", second);
        }
        return new CompactJws(token.substring(0, first),
                token.substring(0, second).getBytes(StandardCharsets.UTF_8),
                token.substring(first + 1, second),
                new DecodedBase64URL(token.substring(second + 1)));
    }

    /** The claims JSON, decoded by the JDK's Base64url decoder. */
    byte[] claimsJson() {
        return Base64.getUrlDecoder().decode(claims);
    }
}
