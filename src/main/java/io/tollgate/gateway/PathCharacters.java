package io.tollgate.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The characters of a raw request path that {@link PathFirewall} refuses beyond what Spring
 * Security's {@code StrictServerWebExchangeFirewall} checks: characters that a gateway and the
 * servers behind it can read as different paths.
 *
 * <ul>
 *   <li>anything but printable ASCII, unencoded: RFC 3986 has every other byte percent-encoded, and
 *       the gateway and an upstream disagree on the charset of raw ones (the strict firewall has
 *       this check but does not call it on the path);
 *   <li>a {@code %} not followed by two hex digits;
 *   <li>an encoded control character, {@code %00}–{@code %1F} and {@code %7F} (the strict firewall
 *       refuses only NUL, CR and LF), and the C1 controls U+0080–U+009F;
 *   <li>escapes that are not well-formed UTF-8, such as the overlong {@code %C0%AE} that old
 *       decoders read as {@code .};
 *   <li>a character whose compatibility form (NFKC) holds {@code / \ . ; %}, such as the
 *       fullwidth {@code ／} or {@code ．} and {@code ‥}, which servers that normalise Unicode
 *       (IIS's best-fit mapping, frameworks that apply NFKC) turn into a path separator or a dot
 *       segment.
 * </ul>
 *
 * <p>Any other percent-encoded UTF-8, {@code %20} and non-Latin letters included, passes. Runs on
 * every request: a path of plain ASCII without {@code %} is judged in one pass over its
 * characters, allocating nothing.
 */
final class PathCharacters {

    private static final String FOLDED_FORBIDDEN = "/\\.;%";

    private PathCharacters() {}

    static boolean admits(String rawPath) {
        if (rawPath == null) {
            return true;
        }
        boolean escaped = false;
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
            escaped |= c == '%';
        }
        return !escaped || decodedAdmits(rawPath);
    }

    private static boolean decodedAdmits(String rawPath) {
        byte[] bytes = new byte[rawPath.length()];
        int length = 0;
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c != '%') {
                bytes[length++] = (byte) c;
                continue;
            }
            int high = i + 2 < rawPath.length() ? Character.digit(rawPath.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(rawPath.charAt(i + 2), 16);
            if (low < 0) {
                return false;
            }
            int decoded = high << 4 | low;
            if (decoded < ' ' || decoded == 0x7f) {
                return false;
            }
            bytes[length++] = (byte) decoded;
            i += 2;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return foldsToNothingForbidden(utf8.decode(ByteBuffer.wrap(bytes, 0, length)));
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean foldsToNothingForbidden(CharSequence path) {
        for (int i = 0; i < path.length(); ) {
            int codePoint = Character.codePointAt(path, i);
            i += Character.charCount(codePoint);
            if (codePoint < 0x80) {
                continue;
            }
            if (Character.isISOControl(codePoint)) {
                return false;
            }
            String folded = Normalizer.normalize(Character.toString(codePoint), Normalizer.Form.NFKC);
            for (int j = 0; j < folded.length(); j++) {
                char c = folded.charAt(j);
                if (c < ' ' || FOLDED_FORBIDDEN.indexOf(c) >= 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
