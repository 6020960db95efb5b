package io.tollgate.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * An OpenTelemetry collector for one test: an HTTP server on a free loopback port that accepts
 * what the OTLP/HTTP exporter posts to {@code /v1/traces} (an {@code ExportTraceServiceRequest},
 * protobuf) and decodes the spans in it, so that a test sees what Tollgate really exported.
 *
 * <p>The protobuf is read by hand, field number by field number, from the OTLP schema
 * ({@code opentelemetry/proto/trace/v1/trace.proto}): Spring Boot does not manage the generated
 * OTLP classes, and the exporter cannot send JSON.
 */
public final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> posts = new ConcurrentLinkedQueue<>();

    public OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readAllBytes();
                posts.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                if (exchange.getRequestURI().getPath().equals("/v1/traces")) {
                    spans.addAll(decodeRequest(bytes));
                }
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    /** The endpoint to give {@code management.opentelemetry.tracing.export.otlp.endpoint}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    /** Every span received so far. */
    public List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Every request received so far, as {@code METHOD /path}. */
    public List<String> posts() {
        return List.copyOf(posts);
    }

    /**
     * Waits until a span matching {@code condition} has arrived (the exporter sends in batches,
     * after {@code management.opentelemetry.tracing.export.schedule-delay}) and returns it.
     */
    public Span await(Predicate<Span> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Span span : spans) {
                if (condition.test(span)) {
                    return span;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No such span within " + timeout + "; received: " + spans);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * One exported span; ids in lower-case hex, {@code parentSpanId} empty for a root, every
     * attribute's value as text (arrays and maps flattened into it, so a scan sees all of it), its
     * events' attributes among them as {@code event.<name>.<key>}.
     */
    public record Span(String traceId, String spanId, String parentSpanId, String name, int kind,
            Map<String, String> attributes) {

        public static final int KIND_INTERNAL = 1;
        public static final int KIND_SERVER = 2;
        public static final int KIND_CLIENT = 3;
    }

    private static List<Span> decodeRequest(byte[] bytes) {
        List<Span> decoded = new ArrayList<>();
        // ExportTraceServiceRequest: repeated ResourceSpans resource_spans = 1
        for (Field resourceSpans : Field.all(bytes, 1)) {
            // ResourceSpans: repeated ScopeSpans scope_spans = 2; ScopeSpans: repeated Span spans = 2
            for (Field scopeSpans : Field.all(resourceSpans.bytes(), 2)) {
                for (Field span : Field.all(scopeSpans.bytes(), 2)) {
                    decoded.add(decodeSpan(span.bytes()));
                }
            }
        }
        return decoded;
    }

    private static Span decodeSpan(byte[] bytes) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Field field : Field.all(bytes)) {
            switch (field.number()) {
                case 1 -> traceId = HexFormat.of().formatHex(field.bytes());
                case 2 -> spanId = HexFormat.of().formatHex(field.bytes());
                case 4 -> parent = HexFormat.of().formatHex(field.bytes());
                case 5 -> name = field.text();
                case 6 -> kind = (int) field.varint();
                case 9 -> {
                    Map.Entry<String, String> attribute = keyValue(field.bytes());
                    attributes.put(attribute.getKey(), attribute.getValue());
                }
                // Event: string name = 2; repeated KeyValue attributes = 3
                case 11 -> {
                    String event = Field.all(field.bytes(), 2).stream().map(Field::text).findFirst().orElse("");
                    for (Field pair : Field.all(field.bytes(), 3)) {
                        Map.Entry<String, String> attribute = keyValue(pair.bytes());
                        attributes.put("event." + event + "." + attribute.getKey(), attribute.getValue());
                    }
                }
                default -> {
                    // timestamps, status, events, links, flags: not asserted on
                }
            }
        }
        return new Span(traceId, spanId, parent, name, kind, Map.copyOf(attributes));
    }

    /** KeyValue: string key = 1; AnyValue value = 2. */
    private static Map.Entry<String, String> keyValue(byte[] bytes) {
        String key = "";
        String value = "";
        for (Field field : Field.all(bytes)) {
            if (field.number() == 1) {
                key = field.text();
            } else if (field.number() == 2) {
                value = anyValue(field.bytes());
            }
        }
        return Map.entry(key, value);
    }

    /** AnyValue: string 1, bool 2, int 3, double 4, ArrayValue 5, KeyValueList 6, bytes 7. */
    private static String anyValue(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (Field field : Field.all(bytes)) {
            switch (field.number()) {
                case 1 -> text.append(field.text());
                case 2 -> text.append(field.varint() != 0);
                case 3 -> text.append(field.varint());
                case 4 -> text.append(Double.longBitsToDouble(field.fixed()));
                // ArrayValue: repeated AnyValue values = 1
                case 5 -> Field.all(field.bytes(), 1).forEach(item -> text.append(anyValue(item.bytes())).append(','));
                // KeyValueList: repeated KeyValue values = 1
                case 6 -> Field.all(field.bytes(), 1).forEach(pair -> {
                    Map.Entry<String, String> entry = keyValue(pair.bytes());
                    text.append(entry.getKey()).append('=').append(entry.getValue()).append(',');
                });
                case 7 -> text.append(new String(field.bytes(), StandardCharsets.ISO_8859_1));
                default -> throw new IllegalArgumentException("AnyValue field " + field.number());
            }
        }
        return text.toString();
    }

    /** One field of a protobuf message: its number and its value (wire types 0, 1, 2 and 5). */
    private record Field(int number, long value, byte[] bytes) {

        long varint() {
            return value;
        }

        long fixed() {
            return value;
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        static List<Field> all(byte[] message, int number) {
            return all(message).stream().filter(field -> field.number() == number).toList();
        }

        static List<Field> all(byte[] message) {
            ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
            List<Field> fields = new ArrayList<>();
            while (in.hasRemaining()) {
                long tag = readVarint(in);
                int number = (int) (tag >>> 3);
                switch ((int) (tag & 7)) {
                    case 0 -> fields.add(new Field(number, readVarint(in), null));
                    case 1 -> fields.add(new Field(number, in.getLong(), null));
                    case 2 -> {
                        byte[] bytes = new byte[(int) readVarint(in)];
                        in.get(bytes);
                        fields.add(new Field(number, 0, bytes));
                    }
                    case 5 -> fields.add(new Field(number, in.getInt() & 0xffffffffL, null));
                    default -> throw new IllegalArgumentException("Wire type " + (tag & 7) + " of field " + number);
                }
            }
            return fields;
        }

        private static long readVarint(ByteBuffer in) {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = in.get();
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("Varint too long");
        }
    }
}
