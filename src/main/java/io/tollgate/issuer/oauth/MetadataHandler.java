package io.tollgate.issuer.oauth;

import io.tollgate.credentials.Credentials;
import io.tollgate.credentials.CredentialsSource;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /.well-known/oauth-authorization-server} (RFC 8414), encoded once per credentials
 * snapshot: {@code scopes_supported} follows the clients of the file in force, and a request
 * serves the bytes of the snapshot it read, encoding them only if that snapshot is new.
 */
final class MetadataHandler implements HandlerFunction<ServerResponse> {

    private final Map<String, Object> fixed;
    private final CredentialsSource credentials;
    private final JsonMapper json;
    private volatile Encoded encoded;

    MetadataHandler(String issuer, CredentialsSource credentials, JsonMapper json) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("authorization_endpoint", base + "/platform/oauth/authorize");
        metadata.put("token_endpoint", base + "/platform/oauth/request_token");
        metadata.put("jwks_uri", base + "/.well-known/jwks.json");
        metadata.put("revocation_endpoint", base + "/platform/oauth/invalidate_token");
        // In place, so the document keeps its order; filled per snapshot.
        metadata.put("scopes_supported", List.of());
        metadata.put("response_types_supported", List.of("code", "token"));
        metadata.put("response_modes_supported", List.of("query", "fragment"));
        metadata.put("grant_types_supported",
                List.of("authorization_code", "implicit", "refresh_token", "client_credentials", "password"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        metadata.put("revocation_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("code_challenge_methods_supported", List.of(Pkce.S256));
        metadata.put("introspection_endpoint", base + IntrospectionEndpoint.PATH);
        // The methods of request_token a confidential client has: a public one cannot introspect.
        metadata.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        this.fixed = Collections.unmodifiableMap(metadata);
        this.credentials = credentials;
        this.json = json;
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .bodyValue(document(credentials.current()));
    }

    private byte[] document(Credentials snapshot) {
        Encoded last = encoded;
        if (last != null && last.snapshot() == snapshot) {
            return last.bytes();
        }
        Map<String, Object> metadata = new LinkedHashMap<>(fixed);
        metadata.put("scopes_supported", snapshot.scopesSupported());
        byte[] bytes = json.writeValueAsBytes(metadata);
        encoded = new Encoded(snapshot, bytes);
        return bytes;
    }

    /** The document as encoded for one snapshot. */
    private record Encoded(Credentials snapshot, byte[] bytes) {}
}
