package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.RawHttp;
import io.tollgate.support.RawResponse;
import io.tollgate.support.TestUpstream;
import java.io.IOException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Credential headers that could name more than one caller are refused before validation, 400 in
 * the route's dialect, and the upstream never gets the request: whichever credential an upstream
 * would read, it must be the one the gateway checked. Written on raw sockets, so each header line
 * reaches the server as its own line, in the case written.
 */
class AmbiguousCredentialsTest extends IntegrationTest {

    private static final String BASIC = "Authorization: Basic YWNtZTpzZWNyZXQ=";
    private static final String BEARER_CHALLENGE =
            "Bearer realm=\"tollgate\", error=\"invalid_request\", error_description=\"Ambiguous credentials\"";
    private static final String BEARER_BODY =
            "{\"error\":\"invalid_request\",\"error_description\":\"Ambiguous credentials\"}";

    @Test
    void basicBesideAValidBearerTokenIsRefusedOnAGenuinRoute() throws IOException {
        expectGenuin1099(BASIC, "Authorization: Bearer " + brandToken());
    }

    @Test
    void basicBesideAValidGnAccessTokenIsRefused() throws IOException {
        expectGenuin1099("gn-access-token: " + brandToken(), BASIC);
    }

    @Test
    void basicBesideAValidBearerTokenIsRefusedOnABearerRoute() throws IOException {
        expectBearer400(BASIC, "Authorization: Bearer " + channelToken());
        expectBearer400("Authorization: Bearer " + channelToken(), "authorization: Basic YWNtZTpzZWNyZXQ=");
    }

    @Test
    void twoAuthorizationHeadersAreRefusedEvenWithTheSameToken() throws IOException {
        String channel = channelToken();
        expectBearer400("Authorization: Bearer " + channel, "AUTHORIZATION: bearer " + channel);
        String brand = brandToken();
        expectGenuin1099("Authorization: Bearer " + brand, "Authorization: Bearer " + brand);
    }

    @Test
    void twoGnAccessTokenHeadersAreRefusedEvenWithTheSameToken() throws IOException {
        String brand = brandToken();
        expectGenuin1099("gn-access-token: " + brand, "GN-Access-Token: " + brand);
    }

    @Test
    void aTokenInAHeaderTheRouteDoesNotReadMustNotDisagreeWithTheOneItReads() throws IOException {
        expectBearer400("Authorization: Bearer " + channelToken(), "gn-access-token: " + brandToken());
    }

    @Test
    void aLoneAuthorizationOfAnotherSchemeIsNoToken() throws IOException {
        RawResponse response = RawHttp.send(port, "GET", "/demo/bearer/orders", BASIC);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.firstHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"tollgate\"");
        assertThat(response.text())
                .isEqualTo("{\"error\":\"unauthorized\",\"error_description\":\"An access token is required\"}");
    }

    @Test
    void theSameTokenInBothHeadersOnceEachPasses() throws IOException {
        String brand = brandToken();
        RawResponse response = RawHttp.send(port, "GET", "/demo/genuin/items",
                "gn-access-token: " + brand, "Authorization: Bearer " + brand);
        assertThat(response.status()).isEqualTo(200);
    }

    private void expectGenuin1099(String... headerLines) throws IOException {
        String probe = UUID.randomUUID().toString();
        RawResponse response = RawHttp.send(port, "GET", "/demo/genuin/items", withProbe(probe, headerLines));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.firstHeader("Content-Type")).isEqualTo("application/json");
        assertThat(response.firstHeader("WWW-Authenticate")).isNull();
        assertThat(response.text()).isEqualTo(GenuinDialectTest.UNEXPECTED);
        assertThat(TestUpstream.received(probe)).isEmpty();
    }

    private void expectBearer400(String... headerLines) throws IOException {
        String probe = UUID.randomUUID().toString();
        RawResponse response = RawHttp.send(port, "GET", "/demo/bearer/orders", withProbe(probe, headerLines));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.firstHeader("Content-Type")).isEqualTo("application/json");
        assertThat(response.firstHeader("WWW-Authenticate")).isEqualTo(BEARER_CHALLENGE);
        assertThat(response.text()).isEqualTo(BEARER_BODY);
        assertThat(TestUpstream.received(probe)).isEmpty();
    }

    /** The header lines with one that names the request, so the upstream's record of it can be asked for. */
    private static String[] withProbe(String probe, String... headerLines) {
        return Stream.concat(Stream.of(TestUpstream.PROBE_HEADER + ": " + probe), Arrays.stream(headerLines))
                .toArray(String[]::new);
    }
}
