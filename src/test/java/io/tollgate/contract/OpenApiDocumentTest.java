package io.tollgate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.ContractCheck;
import io.tollgate.support.ObservedExchange;
import io.tollgate.support.OpenApiContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/openapi.yaml itself: OpenAPI 3.1, every {@code $ref} resolves, every operation documents
 * at least one response and has a unique id, every templated path declares its parameters, and
 * every schema in it compiles under the OpenAPI 3.1 dialect (a document that does not would fail
 * {@link ContractCheck} only once a test happens to reach the broken schema).
 */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private final OpenApiContract contract = OpenApiContract.suite();
    private final JsonNode document = contract.document();

    @Test
    void isOpenApi31WithInfoAndServers() {
        assertThat(document.path("openapi").asString()).startsWith("3.1.");
        assertThat(document.path("info").path("title").asString()).isEqualTo("Tollgate");
        assertThat(document.path("info").path("version").asString()).isNotBlank();
        assertThat(document.path("servers").isArray()).isTrue();
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).as("only references inside the document").startsWith("#/");
            assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        });
    }

    @Test
    void everyOperationDocumentsAResponseAndHasAUniqueId() {
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                String name = operation.getKey() + " " + path.getKey();
                assertThat(operation.getValue().path("responses").propertyNames()).as(name).isNotEmpty();
                assertThat(ids.add(operation.getValue().path("operationId").asString())).as("unique id of " + name).isTrue();
                for (Map.Entry<String, JsonNode> response : operation.getValue().path("responses").properties()) {
                    assertThat(response.getKey()).as(name).matches("[1-5]([0-9][0-9]|XX)|default");
                    JsonNode resolved = resolve(response.getValue());
                    assertThat(resolved.path("description").asString()).as(name + " " + response.getKey()).isNotBlank();
                }
            }
        }
        assertThat(contract.statusesByOperation()).containsKeys(
                "POST /api/thirdparty/auth", "POST /generateToken", "GET /platform/oauth/authorize",
                "POST /platform/oauth/authorize/login", "POST /platform/oauth/authorize/consent",
                "POST /platform/oauth/request_token", "GET /platform/oauth/request_token",
                "GET /platform/oauth/validate_token", "POST /platform/oauth/invalidate_token",
                "POST /platform/oauth/introspect", "GET /.well-known/oauth-authorization-server",
                "GET /.well-known/jwks.json", "GET /auth/check", "GET /demo/genuin/{path}",
                "GET /demo/bearer/{path}", "POST /actuator/revocations");
    }

    @Test
    void everyTemplatedPathDeclaresItsParameters() {
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            Matcher parameters = TEMPLATE_PARAMETER.matcher(path.getKey());
            while (parameters.find()) {
                String name = parameters.group(1);
                boolean declared = false;
                for (JsonNode parameter : path.getValue().path("parameters")) {
                    declared |= parameter.path("in").asString().equals("path") && parameter.path("name").asString().equals(name)
                            && parameter.path("required").asBoolean(false);
                }
                assertThat(declared).as(path.getKey() + " declares the required path parameter " + name).isTrue();
            }
        }
    }

    @Test
    void everyBodySchemaCompilesUnderTheOpenApi31DialectAndConstrainsTheBody() {
        // Judging a bare 0 against every documented body compiles each schema (a schema the
        // validator cannot read throws); every one of them refuses it, so none is an empty schema
        // that would let any body through.
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            String concrete = TEMPLATE_PARAMETER.matcher(path.getKey()).replaceAll("x");
            OpenApiContract.Port port = path.getValue().path("x-tollgate-port").asString("").equals("management")
                    ? OpenApiContract.Port.MANAGEMENT : OpenApiContract.Port.TRAFFIC;
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                for (String status : operation.getValue().path("responses").propertyNames()) {
                    for (String mediaType : resolve(operation.getValue().path("responses").path(status)).path("content")
                            .propertyNames()) {
                        List<String> problems = contract.problems(new ObservedExchange(port,
                                operation.getKey().toUpperCase(), concrete, Integer.parseInt(status),
                                Map.of("content-type", List.of(mediaType)), "0".getBytes(StandardCharsets.UTF_8)));
                        assertThat(problems).as(operation.getKey() + " " + path.getKey() + " " + status + " " + mediaType)
                                .anySatisfy(problem -> assertThat(problem).startsWith("body: "));
                    }
                }
            }
        }
    }

    @Test
    void isTheFileDocsApiMdLinksTo() throws Exception {
        assertThat(Files.readString(Path.of("docs", "API.md"))).contains("(openapi.yaml)");
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = document.at(current.get("$ref").asString().substring(1));
        }
        return current;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asString());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                collectRefs(item, refs);
            }
        }
    }
}
