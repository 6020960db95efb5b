package io.tollgate.validation;

import com.nimbusds.jose.util.Base64URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A JWS in compact serialization, cut at its two dots, as nimbus's {@code JWSObject.parse} cuts it
 * but without parsing the header, which {@link SignatureCheck} reads once per distinct header text.
 * The signature is decoded here, by the JDK's Base64url decoder; the claims are left encoded, as
 * part of the signing input, until the signature over them has been checked.
 *
 * <p>It is cut from the token's bytes as the validation service encoded them once for the token's
 * digest ({@link TokenDigest}): the signing input is a slice of those bytes, and the claims are
 * decoded from that slice, where cutting the text copied the signing input twice (a substring,
 * then its bytes) and the claims twice more (a substring, then the decoder's copy of its bytes):
 * four copies of most of the token on every cold token, more the longer it is. A compact JWS is
 * ASCII (RFC 7515 §7.1: its three parts are Base64url), so its characters and bytes line up; a
 * token with any other character is refused.
 *
 * @param header the header part, as it appears in the token
 * @param signingInput the bytes the signature covers: header part, dot, claims part
 * @param claimsFrom where the claims part starts in {@code signingInput}
 * @param signature the signature part, its bytes already decoded ({@link DecodedBase64URL})
 */
record CompactJws(String header, byte[] signingInput, int claimsFrom, Base64URL signature) {

    /**
     * @throws ParseException when the token is not ASCII or does not have exactly three parts, or
     *     its signature part is empty
     * @throws IllegalArgumentException when the signature part has a character outside the
     *     Base64url alphabet
     */
    static CompactJws split(String token) throws ParseException {
        return split(token, 0, token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The token {@code source.substring(from)}, such as a credential header's value after its
     * scheme, whose UTF-8 bytes are {@code sourceBytes}.
     *
     * @throws ParseException as {@link #split(String)}
     * @throws IllegalArgumentException as {@link #split(String)}
     */
    static CompactJws split(String source, int from, byte[] sourceBytes) throws ParseException {
        if (sourceBytes.length != source.length()) {
            throw new ParseException("A JWS in compact serialization is ASCII", 0);
        }
        int first = source.indexOf('.', from);
        int second = first < 0 ? -1 : source.indexOf('.', first + 1);
        if (second < 0 || source.indexOf('.', second + 1) >= 0) {
            throw new ParseException("A JWS in compact serialization has exactly three parts", 0);
        }
        if (second == source.length() - 1) {
            throw new ParseException("The signature must not be empty", second - from);
        }
        return new CompactJws(source.substring(from, first), Arrays.copyOfRange(sourceBytes, from, second),
                first + 1 - from, new DecodedBase64URL(source.substring(second + 1)));
    }

    /** The claims JSON, decoded by the JDK's Base64url decoder straight from the signing input. */
    byte[] claimsJson() {
        ByteBuffer json = Base64.getUrlDecoder()
                .decode(ByteBuffer.wrap(signingInput, claimsFrom, signingInput.length - claimsFrom));
        byte[] decoded = json.array();
        return decoded.length == json.remaining() ? decoded : Arrays.copyOf(decoded, json.remaining());
    }
}
