package io.tollgate.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 written byte for byte on a socket, for requests that an HTTP client would normalise or
 * refuse to send: raw paths, control characters in header values, repeated headers, bodies that
 * contradict their content type. Each exchange is one request on its own connection with {@code
 * Connection: close}, so the response ends where the connection does.
 */
public final class RawHttp {

    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int TIMEOUT_MILLIS = 15_000;

    private RawHttp() {}

    /**
     * Sends {@code method target} with the given header lines (each {@code Name: value}) and no
     * body, and fails unless a whole response came back.
     */
    public static RawResponse send(int port, String method, String target, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("\r\n");
        return answered(port, request.toString().getBytes(StandardCharsets.UTF_8), "HEAD".equals(method));
    }

    /** Sends {@code POST target} with a body of the given type, and fails unless a whole response came back. */
    public static RawResponse post(int port, String target, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: " + contentType + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] request = Arrays.copyOf(head, head.length + bytes.length);
        System.arraycopy(bytes, 0, request, head.length, bytes.length);
        return answered(port, request, false);
    }

    private static RawResponse answered(int port, byte[] request, boolean head) throws IOException {
        return exchange(port, request, head)
                .orElseThrow(() -> new IOException("No whole HTTP response came back"));
    }

    /**
     * Sends {@code request} (every byte of it, head and body) and reads until the server closes.
     * Empty when no complete response arrived: the connection was dropped, cut short, or the
     * answer was not HTTP.
     */
    public static Optional<RawResponse> exchange(int port, byte[] request, boolean head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException answeredEarly) {
                // The server answered before reading the whole body and closed: its answer is there.
            }
            return parse(readAll(socket.getInputStream()), head);
        }
    }

    /** Every byte the server sends until it closes the connection. */
    public static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // A reset after the answer (the server closed with our body unread) loses nothing.
        }
        return received.toByteArray();
    }

    public static Optional<RawResponse> parse(byte[] bytes, boolean head) {
        int headEnd = indexOf(bytes, HEAD_END, 0);
        if (headEnd < 0) {
            return Optional.empty();
        }
        String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            return Optional.empty();
        }
        int status = Integer.parseInt(statusLine[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        name -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        int bodyStart = headEnd + HEAD_END.length;
        if (head || status == 204 || status == 304) {
            return Optional.of(new RawResponse(status, headers, new byte[0]));
        }
        Optional<byte[]> body = body(bytes, bodyStart, headers);
        return body.map(content -> new RawResponse(status, headers, content));
    }

    private static Optional<byte[]> body(byte[] bytes, int start, Map<String, List<String>> headers) {
        List<String> coding = headers.getOrDefault("transfer-encoding", List.of());
        if (coding.stream().anyMatch(value -> value.equalsIgnoreCase("chunked"))) {
            return unchunk(bytes, start);
        }
        List<String> length = headers.getOrDefault("content-length", List.of());
        if (length.isEmpty()) {
            return Optional.of(Arrays.copyOfRange(bytes, start, bytes.length));
        }
        int declared = Integer.parseInt(length.get(0));
        if (bytes.length - start < declared) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(bytes, start, start + declared));
    }

    /** The chunked coding removed; empty unless the terminating zero-length chunk arrived. */
    private static Optional<byte[]> unchunk(byte[] bytes, int start) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int position = start;
        while (true) {
            int lineEnd = indexOf(bytes, "\r\n".getBytes(StandardCharsets.US_ASCII), position);
            if (lineEnd < 0) {
                return Optional.empty();
            }
            String sizeField = new String(bytes, position, lineEnd - position, StandardCharsets.US_ASCII);
            int extension = sizeField.indexOf(';');
            int size = Integer.parseInt((extension < 0 ? sizeField : sizeField.substring(0, extension)).trim(), 16);
            position = lineEnd + 2;
            if (size == 0) {
                return Optional.of(body.toByteArray());
            }
            if (bytes.length < position + size) {
                return Optional.empty();
            }
            body.write(bytes, position, size);
            position += size + 2;
        }
    }

    private static int indexOf(byte[] bytes, byte[] needle, int from) {
        outer:
        for (int i = from; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
