package io.tollgate.support;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code docs/openapi.yaml} as the judge of what the server answered. {@link #problems} takes one
 * exchange and says everything in it that the document does not allow, each problem naming what
 * broke; {@link ContractCheck} runs it on every response the suite's clients receive.
 *
 * <p>The rules (docs/API.md, "The OpenAPI document"):
 * <ul>
 *   <li>The request picks its operation by port, method and path: a path item's template, or the
 *       route predicate its {@code x-tollgate-match} names; {@code HEAD} uses {@code GET}'s
 *       operation when the path has no {@code head} (and has its body ignored). A test-only route
 *       is judged by the documented operation of its dialect ({@code aliases}).</li>
 *   <li>On the traffic port a request that no operation serves must get one of the root's
 *       {@code x-tollgate-unrouted} answers (unknown path, a method the route does not take, a path
 *       the firewall refuses before any route). On the management port only Tollgate's own
 *       endpoint is documented: Spring Boot's actuator endpoints are Spring Boot's contract and
 *       are not judged.</li>
 *   <li>The status must be documented (exactly, then {@code 4XX}-style, then {@code default}), by the
 *       operation or among the root's {@code x-tollgate-server} answers, which the HTTP server
 *       gives any request before a route is looked at.</li>
 *   <li>An answer that came from the upstream ({@link TestUpstream#ANSWERED_HEADER}) must be one the
 *       operation documents as the upstream's ({@code x-tollgate-upstream}), and is not judged
 *       further: it is not Tollgate's contract. Tollgate's own answer must not take a status the
 *       document gives to the upstream.</li>
 *   <li>Every header the response documents as required is present, and every documented header
 *       present matches its schema.</li>
 *   <li>A response that documents no content has an empty body; otherwise the {@code Content-Type}
 *       is one of the documented media types (type and subtype) and the body matches its schema
 *       (JSON media types parsed as JSON, others read as one string), with the OpenAPI 3.1 dialect
 *       of networknt's validator.</li>
 * </ul>
 */
public final class OpenApiContract {

    /** The port a request went to: traffic ({@code server.port}) or management. */
    public enum Port { TRAFFIC, MANAGEMENT }

    public static final Path DOCUMENT = Path.of("docs", "openapi.yaml");

    private static final String BASE = "https://tollgate.invalid/openapi.json";
    private static final int EXCERPT = 600;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]+");
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "\"(access_token|refresh_token|token|api_secret|client_secret|password|authorization|gn-access-token)\":\"[^\"]*\"",
            Pattern.CASE_INSENSITIVE);

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<PathItem> items = new ArrayList<>();
    private final Map<PathPattern, String> aliases = new LinkedHashMap<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document, Map<String, String> aliases) {
        this.document = document;
        String json = JSON.writeValueAsString(document);
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(BASE, json)));
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            JsonNode item = path.getValue();
            String match = item.path("x-tollgate-match").asString(path.getKey());
            Port port = "management".equals(item.path("x-tollgate-port").asString("")) ? Port.MANAGEMENT : Port.TRAFFIC;
            items.add(new PathItem(path.getKey(), PathPatternParser.defaultInstance.parse(match), port, item,
                    "/paths/" + escape(path.getKey())));
        }
        aliases.forEach((pattern, template) -> {
            if (items.stream().noneMatch(item -> item.template().equals(template))) {
                throw new IllegalArgumentException("No path " + template + " in the document for " + pattern);
            }
            this.aliases.put(PathPatternParser.defaultInstance.parse(pattern), template);
        });
    }

    private OpenApiContract(OpenApiContract base, Map<PathPattern, String> aliases) {
        this.document = base.document;
        this.registry = base.registry;
        this.items.addAll(base.items);
        this.aliases.putAll(base.aliases);
        this.aliases.putAll(aliases);
    }

    /**
     * This judge with more test-only route patterns, each mapped to the documented path of its
     * kind (see {@link #documentedPathFor}). Paths the document serves itself are never aliased:
     * an alias is looked at only for a path no documented path item matches.
     */
    public OpenApiContract withRoutes(Map<String, String> routeDialects) {
        Map<PathPattern, String> added = new LinkedHashMap<>();
        routeDialects.forEach((pattern, kind) -> added.put(PathPatternParser.defaultInstance.parse(pattern),
                documentedPathFor(kind)));
        return new OpenApiContract(this, added);
    }

    /** {@code genuin} → the genuin demo route, {@code none} (no token asked) → the public one, else the bearer one. */
    public static String documentedPathFor(String kind) {
        return switch (kind) {
            case "genuin" -> "/demo/genuin/{path}";
            case "none" -> "/demo/public/{path}";
            default -> "/demo/bearer/{path}";
        };
    }

    /** The suite's judge: {@code docs/openapi.yaml} with the test routes of {@link TestRoutes}. */
    public static OpenApiContract suite() {
        return Suite.CONTRACT;
    }

    /** A judge from a document's YAML text, with test-only route patterns mapped to documented paths. */
    public static OpenApiContract of(String yaml, Map<String, String> aliases) {
        return new OpenApiContract(YAMLMapper.builder().build().readTree(yaml), aliases);
    }

    /** The document as a tree, for tests of the document itself. */
    public JsonNode document() {
        return document;
    }

    /** Fails with a {@link ContractViolation} naming the exchange, its operation and every problem. */
    public void check(ObservedExchange exchange) {
        List<String> problems = problems(exchange);
        if (!problems.isEmpty()) {
            throw new ContractViolation(redacted(exchange.describe() + ", " + operationName(exchange) + " in " + DOCUMENT
                    + ":\n  - " + String.join("\n  - ", problems)) + "\n  body: " + excerpt(exchange.text()));
        }
    }

    /** Everything in {@code exchange} that the document does not allow; empty when it conforms. */
    public List<String> problems(ObservedExchange exchange) {
        Optional<Operation> operation = operation(exchange.port(), exchange.method(), exchange.rawPath());
        if (operation.isEmpty() && exchange.port() == Port.MANAGEMENT) {
            return List.of();
        }
        JsonNode responses = operation.map(op -> op.node().path("responses")).orElse(document.path("x-tollgate-unrouted"));
        String pointer = operation.map(op -> op.pointer() + "/responses").orElse("/x-tollgate-unrouted");
        String status = Integer.toString(exchange.status());
        String key = responses.has(status) ? status
                : responses.has(status.charAt(0) + "XX") ? status.charAt(0) + "XX"
                : responses.has("default") ? "default" : null;
        if (key == null && document.path("x-tollgate-server").has(status)) {
            responses = document.path("x-tollgate-server");
            pointer = "/x-tollgate-server";
            key = status;
        }
        if (key == null) {
            return List.of("status " + status + " is not documented (documented: "
                    + String.join(", ", responses.propertyNames()) + ")");
        }
        Located response = resolve(responses.get(key), pointer + "/" + escape(key));
        boolean fromUpstream = exchange.header(TestUpstream.ANSWERED_HEADER) != null;
        boolean upstreams = response.node().path("x-tollgate-upstream").asBoolean(false);
        if (fromUpstream || upstreams) {
            return fromUpstream == upstreams ? List.of()
                    : List.of(fromUpstream
                            ? "the upstream answered " + status + ", which the document gives to Tollgate itself"
                            : "Tollgate answered " + status + " itself, which the document gives to the upstream alone");
        }
        List<String> problems = new ArrayList<>(headerProblems(exchange, response));
        problems.addAll(contentProblems(exchange, response));
        return problems;
    }

    private List<String> headerProblems(ObservedExchange exchange, Located response) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> documented : response.node().path("headers").properties()) {
            String name = documented.getKey();
            if (name.equalsIgnoreCase("Content-Type")) {
                continue;
            }
            Located header = resolve(documented.getValue(), response.pointer() + "/headers/" + escape(name));
            String value = exchange.header(name);
            if (value == null) {
                if (header.node().path("required").asBoolean(false)) {
                    problems.add("header " + name + " is required and missing");
                }
                continue;
            }
            for (String error : schemaErrors(JsonNodeFactory.instance.stringNode(value), header.pointer() + "/schema")) {
                problems.add("header " + name + " (" + value + "): " + error);
            }
        }
        return problems;
    }

    private List<String> contentProblems(ObservedExchange exchange, Located response) {
        boolean head = exchange.method().equals("HEAD");
        JsonNode content = response.node().path("content");
        if (content.isEmpty()) {
            return exchange.body().length == 0 || head ? List.of() : List.of("a body where the document has none");
        }
        String contentType = exchange.header("content-type");
        if (contentType == null) {
            return List.of("no Content-Type (documented: " + String.join(", ", content.propertyNames()) + ")");
        }
        MediaType actual;
        try {
            actual = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException unreadable) {
            return List.of("Content-Type " + contentType + " does not parse");
        }
        Optional<String> key = content.propertyNames().stream()
                .filter(documented -> MediaType.parseMediaType(documented).equalsTypeAndSubtype(actual))
                .findFirst();
        if (key.isEmpty()) {
            return List.of("Content-Type " + contentType + " is not documented (documented: "
                    + String.join(", ", content.propertyNames()) + ")");
        }
        if (head || !content.path(key.get()).has("schema")) {
            return List.of();
        }
        JsonNode instance;
        if (isJson(actual)) {
            try {
                instance = JSON.readTree(exchange.body());
            } catch (JacksonException notJson) {
                return List.of("the body is not JSON");
            }
        } else {
            instance = JsonNodeFactory.instance.stringNode(exchange.text());
        }
        String schema = response.pointer() + "/content/" + escape(key.get()) + "/schema";
        return schemaErrors(instance, schema).stream().map(error -> "body: " + error).toList();
    }

    private List<String> schemaErrors(JsonNode instance, String pointer) {
        Schema schema = compiled.computeIfAbsent(pointer,
                location -> registry.getSchema(SchemaLocation.of(BASE + "#" + location)));
        return schema.validate(instance).stream().map(error -> {
            String at = error.getInstanceLocation().toString();
            return (at.isEmpty() ? "/" : at) + ": " + error.getMessage() + " [schema " + pointer + "]";
        }).toList();
    }

    /** The operation that serves a request, if the document has one. */
    public Optional<Operation> operation(Port port, String method, String rawPath) {
        PathContainer path = PathContainer.parsePath(rawPath);
        boolean documented = items.stream().anyMatch(item -> item.port() == port && item.pattern().matches(path));
        String alias = documented ? null : aliases.entrySet().stream().filter(entry -> entry.getKey().matches(path))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        String verb = method.toLowerCase(Locale.ROOT);
        for (PathItem item : items) {
            boolean serves = item.port() == port
                    && (alias != null ? item.template().equals(alias) : item.pattern().matches(path));
            if (!serves) {
                continue;
            }
            String chosen = item.node().has(verb) || !verb.equals("head") ? verb : "get";
            if (item.node().has(chosen)) {
                JsonNode operation = item.node().get(chosen);
                return Optional.of(new Operation(operation.path("operationId").asString(chosen),
                        chosen.toUpperCase(Locale.ROOT) + " " + item.template(), operation,
                        item.pointer() + "/" + chosen));
            }
        }
        return Optional.empty();
    }

    private String operationName(ObservedExchange exchange) {
        return operation(exchange.port(), exchange.method(), exchange.rawPath())
                .map(op -> "operation " + op.id() + " (" + op.route() + ")")
                .orElse(exchange.port() == Port.TRAFFIC ? "no operation: judged by x-tollgate-unrouted" : "no operation");
    }

    /** A node and the JSON pointer it was found at, after following local {@code $ref}s. */
    private Located resolve(JsonNode node, String pointer) {
        JsonNode current = node;
        String at = pointer;
        for (int hops = 0; current.has("$ref"); hops++) {
            String ref = current.get("$ref").asString();
            if (!ref.startsWith("#/") || hops > 16) {
                throw new IllegalStateException("Cannot follow $ref " + ref + " at " + at);
            }
            at = ref.substring(1);
            current = document.at(at);
            if (current.isMissingNode()) {
                throw new IllegalStateException("$ref " + ref + " resolves to nothing");
            }
        }
        return new Located(current, at);
    }

    private static boolean isJson(MediaType type) {
        return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** The body as a failure shows it: tokens and secrets replaced, at most {@value #EXCERPT} characters. */
    private static String excerpt(String body) {
        String redacted = redacted(body);
        return redacted.length() <= EXCERPT ? redacted : redacted.substring(0, EXCERPT) + "…";
    }

    private static String redacted(String text) {
        return SECRET_FIELD.matcher(JWT.matcher(text).replaceAll("<redacted JWT>")).replaceAll("\"$1\":\"<redacted>\"");
    }

    /** A documented operation: its id, {@code METHOD /template}, its node and JSON pointer. */
    public record Operation(String id, String route, JsonNode node, String pointer) {}

    private record PathItem(String template, PathPattern pattern, Port port, JsonNode node, String pointer) {}

    private record Located(JsonNode node, String pointer) {}

    private static final class Suite {

        static final OpenApiContract CONTRACT = load();

        private static OpenApiContract load() {
            try {
                return of(Files.readString(DOCUMENT), TestRoutes.DOCUMENTED_AS);
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
    }

    /** The documented status codes of every operation, for tests of the document itself. */
    public Map<String, List<String>> statusesByOperation() {
        Map<String, List<String>> statuses = new LinkedHashMap<>();
        for (PathItem item : items) {
            for (Map.Entry<String, JsonNode> entry : item.node().properties()) {
                if (entry.getValue().has("responses")) {
                    statuses.put(entry.getKey().toUpperCase(Locale.ROOT) + " " + item.template(),
                            entry.getValue().path("responses").propertyNames().stream().collect(Collectors.toList()));
                }
            }
        }
        return statuses;
    }
}
