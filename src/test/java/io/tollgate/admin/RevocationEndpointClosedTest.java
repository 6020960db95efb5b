package io.tollgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * With no {@code tollgate.admin.tokens} (the default, and the shared test context's setting) the
 * revocation endpoint is not there: whatever is sent, the management port answers as it answers
 * for a path it has never had.
 */
class RevocationEndpointClosedTest extends IntegrationTest {

    @Test
    void withoutOperatorTokensTheEndpointAnswersAsAnUnknownPath() {
        WebTestClient management = Operator.management(managementPort);
        Map<String, Object> absent = error(management.post().uri("/actuator/no-such-endpoint")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"client\":\"demo-web\"}").exchange());
        assertThat(absent).containsEntry("status", 404).containsEntry("error", "Not Found");

        for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.GET}) {
            Map<String, Object> revocations = error(management.method(method).uri("/actuator/revocations")
                    .header("Authorization", "Bearer " + Operator.TOKEN)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"client\":\"demo-web\"}").exchange());
            assertThat(revocations).as(method.name()).isEqualTo(withPath(absent, "/actuator/revocations"));
        }
    }

    /** A 404's Spring Boot error body, without the fields that differ on every call. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(WebTestClient.ResponseSpec response) {
        String body = response.expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        Map<String, Object> fields = new LinkedHashMap<>(JsonMapper.builder().build().readValue(body, Map.class));
        assertThat(fields).containsOnlyKeys("timestamp", "path", "status", "error", "requestId");
        fields.remove("timestamp");
        fields.remove("requestId");
        return fields;
    }

    private static Map<String, Object> withPath(Map<String, Object> fields, String path) {
        Map<String, Object> changed = new LinkedHashMap<>(fields);
        changed.put("path", path);
        return changed;
    }
}
