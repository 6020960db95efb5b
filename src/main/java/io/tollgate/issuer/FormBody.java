package io.tollgate.issuer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * The {@code application/x-www-form-urlencoded} parameters of an issuer request, decoded strictly:
 * a {@code %} not followed by two hex digits, or bytes that are not text in the form's charset
 * (UTF-8 unless the content type names another), make the request a {@link
 * MalformedRequestException}, where Spring's reader would throw a bare exception or put U+FFFD in
 * the value. The body is read within the codecs' size limit ({@code
 * spring.http.codecs.max-in-memory-size}), and only from a form POST; a query string is decoded
 * the same way, as UTF-8.
 */
public final class FormBody {

    private static final MultiValueMap<String, String> NONE =
            CollectionUtils.unmodifiableMultiValueMap(new LinkedMultiValueMap<>());

    private FormBody() {}

    /** The fields of a form POST's body; none for any other request, whose body is never read. */
    public static Mono<MultiValueMap<String, String>> read(ServerRequest request) {
        return Mono.defer(() -> {
            Optional<MediaType> contentType = RequestContentType.of(request);
            if (!HttpMethod.POST.equals(request.method())
                    || contentType.filter(MediaType.APPLICATION_FORM_URLENCODED::equalsTypeAndSubtype).isEmpty()) {
                return Mono.just(NONE);
            }
            Charset charset = Optional.ofNullable(contentType.get().getCharset()).orElse(StandardCharsets.UTF_8);
            return request.bodyToMono(byte[].class)
                    .onErrorMap(DataBufferLimitException.class, error -> MalformedRequestException.tooLarge())
                    .map(body -> parse(body, charset))
                    .defaultIfEmpty(NONE);
        });
    }

    /** The query string's parameters. */
    public static MultiValueMap<String, String> query(ServerRequest request) {
        String raw = request.uri().getRawQuery();
        // The request line reaches Java one char per byte, so ISO-8859-1 gives the bytes back.
        return raw == null ? NONE : parse(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /**
     * One form-urlencoded component, {@code encoded[from, to)}: {@code +} is a space, {@code %XX} a
     * byte, and the bytes must be text in {@code charset}.
     */
    public static String decode(byte[] encoded, int from, int to, Charset charset) {
        byte[] bytes = new byte[to - from];
        int length = 0;
        for (int i = from; i < to; i++) {
            byte b = encoded[i];
            if (b == '%') {
                int high = i + 2 < to ? Character.digit(encoded[i + 1], 16) : -1;
                int low = i + 2 < to ? Character.digit(encoded[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    throw MalformedRequestException.unreadable();
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else {
                bytes[length++] = b == '+' ? (byte) ' ' : b;
            }
        }
        try {
            return charset.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw MalformedRequestException.unreadable();
        }
    }

    private static MultiValueMap<String, String> parse(byte[] body, Charset charset) {
        MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start, body.length);
            if (end > start) {
                int equals = indexOf(body, (byte) '=', start, end);
                fields.add(decode(body, start, equals, charset),
                        equals < end ? decode(body, equals + 1, end, charset) : "");
            }
            start = end + 1;
        }
        return fields;
    }

    /** The index of {@code b} in {@code bytes[from, to)}, or {@code to}. */
    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return to;
    }
}
