package io.tollgate.admin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer of an admin endpoint: a status and a JSON body, never cached, with the header a
 * refusal needs ({@code WWW-Authenticate} on 401, {@code Allow} on 405), and the outcome a
 * refusal's audit line names.
 *
 * @param status the HTTP status
 * @param body the JSON body
 * @param header a header name, or {@code null}
 * @param headerValue that header's value
 * @param outcome the {@code outcome} field of a refusal's audit line
 */
record AdminAnswer(HttpStatus status, byte[] body, String header, String headerValue, String outcome) {

    /** The challenge of a 401: the operator's bearer token, in a realm of its own. */
    static final String CHALLENGE = "Bearer realm=\"tollgate-admin\"";

    static AdminAnswer ok(JsonMapper json, Map<String, String> fields) {
        return new AdminAnswer(HttpStatus.OK, write(json, fields), null, null, "cut_off");
    }

    static AdminAnswer error(JsonMapper json, HttpStatus status, String error, String description, String outcome) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("error", error);
        fields.put("error_description", description);
        return new AdminAnswer(status, write(json, fields), null, null, outcome);
    }

    AdminAnswer withHeader(String name, String value) {
        return new AdminAnswer(status, body, name, value, outcome);
    }

    Mono<ServerResponse> send() {
        ServerResponse.BodyBuilder response = ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore());
        if (header != null) {
            response.header(header, headerValue);
        }
        return response.bodyValue(body);
    }

    private static byte[] write(JsonMapper json, Map<String, String> fields) {
        return json.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
    }
}
