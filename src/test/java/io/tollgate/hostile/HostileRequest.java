package io.tollgate.hostile;

import io.tollgate.support.TestUpstream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One request as the hostile client writes it: the method and request target exactly as they go on
 * the request line (no normalising, no encoding), the headers in order (repeats and case kept),
 * the body bytes. {@code Host}, the probe header, {@code Content-Length} and {@code Connection:
 * close} are added on the wire.
 *
 * @param malformedHttp whether the request is not valid HTTP/1.1 (a control character in a header
 *     value, a request target that is not a URI), which the server may refuse with a bare 400
 *     before any route sees it
 */
record HostileRequest(String method, String target, List<Header> headers, byte[] body, boolean malformedHttp) {

    /** A header as sent: name and value unchecked. */
    record Header(String name, String value) {

        /** True when the value holds a control character other than tab, which RFC 9110 forbids. */
        boolean malformed() {
            return value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f);
        }

        @Override
        public String toString() {
            return name + ": " + HostileRequest.visible(value);
        }
    }

    /** Netty's limit on the request line and headers ({@code server.max-http-request-header-size}). */
    static final int MAX_HEAD_BYTES = 16 * 1024;

    /**
     * Whether the server may refuse the request before any route sees it: not HTTP, or a head over
     * Netty's limit (a bare 431).
     */
    boolean refusableByServer() {
        return malformedHttp || wire("").length - body.length > MAX_HEAD_BYTES;
    }

    /**
     * Whether the credential headers are ambiguous by the design's rule: two {@code Authorization}
     * headers; and where the route reads {@code gn-access-token} too, a non-Bearer {@code
     * Authorization} beside it, two that differ, or a Bearer token that differs from it (header
     * names in any case, as HTTP reads them).
     */
    boolean ambiguousCredentials(boolean readsGnAccessToken) {
        List<String> authorizations = values("authorization");
        if (authorizations.size() > 1) {
            return true;
        }
        List<String> gnTokens = values("gn-access-token");
        if (!readsGnAccessToken || gnTokens.isEmpty()) {
            return false;
        }
        String bearer = "Bearer ";
        boolean nonBearerBeside = authorizations.stream()
                .anyMatch(value -> !value.regionMatches(true, 0, bearer, 0, bearer.length()));
        boolean differentBearer = authorizations.stream()
                .filter(value -> value.regionMatches(true, 0, bearer, 0, bearer.length()))
                .map(value -> value.substring(bearer.length()).trim())
                .anyMatch(token -> !token.isEmpty() && !gnTokens.contains(token));
        return nonBearerBeside || differentBearer || gnTokens.stream().distinct().count() > 1;
    }

    private List<String> values(String name) {
        return headers.stream().filter(header -> header.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    /** The path of the request target: everything before the first {@code ?}. */
    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    /** The bytes on the wire; text is UTF-8, so a non-ASCII character goes out as its UTF-8 bytes. */
    byte[] wire(String probe) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\n")
                .append(TestUpstream.PROBE_HEADER).append(": ").append(probe).append("\r\n");
        for (Header header : headers) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        if (body.length > 0) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Readable in a failure report: the request line, the headers, the body (escaped, cut at 300). */
    @Override
    public String toString() {
        String shownBody = visible(new String(body, StandardCharsets.ISO_8859_1));
        return method + " " + visible(target) + "\n" + headers.stream().map(Header::toString)
                .collect(Collectors.joining("\n")) + "\n[" + body.length + " bytes] "
                + (shownBody.length() > 300 ? shownBody.substring(0, 300) + "…" : shownBody);
    }

    static String visible(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                shown.append(String.format("\\x%02x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }
}
