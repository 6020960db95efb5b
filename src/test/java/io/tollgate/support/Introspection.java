package io.tollgate.support;

import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Calls of {@code POST /platform/oauth/introspect} and the OAuth tokens they ask about, against any
 * running instance; every token and secret they see is remembered, so the log check can prove none
 * is logged.
 */
public final class Introspection {

    public static final String PATH = "/platform/oauth/introspect";
    /** The whole answer for every token that is not active. */
    public static final String INACTIVE = "{\"active\":false}";
    /** {@code tollgate.issuer.issuer-uri} of the tests. */
    public static final String ISSUER = "http://localhost:8080";

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private Introspection() {}

    /** Introspection with HTTP Basic client authentication and {@code form} as the body. */
    public static WebTestClient.ResponseSpec basic(WebTestClient client, String clientId, String secret, String form) {
        return client.post().uri(PATH)
                .header(HttpHeaders.AUTHORIZATION, OAuthBrowserless.basic(clientId, secret))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange();
    }

    /** Introspection of {@code token} by the confidential test client {@code test-web}, over HTTP Basic. */
    public static WebTestClient.ResponseSpec byWebClient(WebTestClient client, String token) {
        return basic(client, TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET, "token=" + token);
    }

    /** Introspection with {@code form} alone as the body (client authentication in it, or none). */
    public static WebTestClient.ResponseSpec form(WebTestClient client, String form) {
        return client.post().uri(PATH)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange();
    }

    /** A 200 answer's body, after checking the headers every answer carries. */
    public static String answer(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().valueEquals(HttpHeaders.PRAGMA, "no-cache")
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** The tokens of a password grant for {@code alice} through the trusted test client: access and refresh. */
    public static Map<String, Object> personTokens(WebTestClient client) {
        return tokens(client, "grant_type=password&client_id=" + TestCredentials.TRUSTED_CLIENT + "&client_secret="
                + TestCredentials.TRUSTED_SECRET + "&username=" + TestCredentials.USER + "&password="
                + TestCredentials.PASSWORD);
    }

    /** A client-credentials token of {@code test-web} (kind {@code oauth-app}) with {@code scope}. */
    public static String appToken(WebTestClient client, String scope) {
        return (String) tokens(client, "grant_type=client_credentials&client_id=" + TestCredentials.WEB_CLIENT
                + "&client_secret=" + TestCredentials.WEB_SECRET + "&scope=" + scope).get("access_token");
    }

    private static Map<String, Object> tokens(WebTestClient client, String form) {
        Map<String, Object> body = client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange()
                .expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        Secrets.remember((String) body.get("access_token"));
        if (body.get("refresh_token") != null) {
            Secrets.remember((String) body.get("refresh_token"));
        }
        return body;
    }
}
