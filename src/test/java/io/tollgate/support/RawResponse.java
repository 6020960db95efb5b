package io.tollgate.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 response as it came off a socket: status, headers (names lower-cased, every value
 * kept in order) and the body after any chunked transfer coding was removed.
 */
public record RawResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The first value of a header; {@code null} when it was not sent. */
    public String firstHeader(String name) {
        List<String> values = header(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The media type of the body, without parameters, lower-cased; empty when none was sent. */
    public String mediaType() {
        List<String> values = header("content-type");
        if (values.isEmpty()) {
            return "";
        }
        String value = values.get(0);
        int parameters = value.indexOf(';');
        return (parameters < 0 ? value : value.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }
}
