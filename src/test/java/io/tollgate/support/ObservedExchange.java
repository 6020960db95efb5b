package io.tollgate.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request a test sent and the response it received, as {@link OpenApiContract} judges it: the
 * port it went to, the method, the raw path (as sent, still percent-encoded), the status, the
 * headers (names lower-cased, every value in order) and the body bytes.
 */
public record ObservedExchange(
        OpenApiContract.Port port, String method, String rawPath, int status, Map<String, List<String>> headers,
        byte[] body) {

    /** The first value of a header, {@code null} when it was not sent. */
    public String header(String name) {
        List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** {@code GET /path → 401}: how a failure names the exchange. */
    public String describe() {
        return method + " " + rawPath + " (" + port.name().toLowerCase(Locale.ROOT) + " port) → " + status;
    }
}
