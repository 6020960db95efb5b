package io.tollgate.support;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Token requests of the brand and channel dialects, against any running instance; the tokens they
 * return are remembered as secrets, so the log check can prove none is logged.
 */
public final class Issuance {

    private Issuance() {}

    /** {@code POST /api/thirdparty/auth} with a key and secret. */
    public static WebTestClient.ResponseSpec brandRequest(WebTestClient client, String apiKey, String apiSecret) {
        return client.post().uri("/api/thirdparty/auth")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"api_key\":\"" + apiKey + "\",\"api_secret\":\"" + apiSecret + "\"}")
                .exchange();
    }

    /** A token for the demo brand {@code acme}. */
    public static String brandToken(WebTestClient client) {
        return Secrets.remember(brandRequest(client, Demo.BRAND_KEY, Demo.BRAND_SECRET)
                .expectStatus().isOk()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getFirst("gn-access-token"));
    }

    /** {@code POST /generateToken} with a form body. */
    public static WebTestClient.ResponseSpec channelRequest(WebTestClient client, String username, String password) {
        return client.post().uri("/generateToken")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=" + username + "&password=" + password)
                .exchange();
    }

    /** A token for the demo channel user. */
    public static String channelToken(WebTestClient client) {
        return Secrets.remember(channelRequest(client, Demo.CHANNEL_USER, Demo.CHANNEL_PASSWORD)
                .expectStatus().isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }
}
