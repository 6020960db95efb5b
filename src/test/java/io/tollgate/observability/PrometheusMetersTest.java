package io.tollgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The design's meters, scraped from /actuator/prometheus on the management port after real traffic. */
class PrometheusMetersTest extends IntegrationTest {

    @Test
    void tollgateMetersAreExportedWithTheirLabels() {
        client.get().uri("/demo/genuin/items").header("gn-access-token", brandToken()).exchange()
                .expectStatus().isOk();
        client.get().uri("/demo/genuin/items").exchange().expectStatus().isUnauthorized();
        client.get().uri("/demo/bearer/x").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt").exchange()
                .expectStatus().isUnauthorized();
        client.get().uri("/demo/bearer/x").header(HttpHeaders.AUTHORIZATION, "Bearer " + channelToken()).exchange()
                .expectStatus().isOk();
        client.post().uri("/generateToken?username=nobody&password=x").exchange().expectStatus().isUnauthorized();

        String scrape = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(scrape)
                .containsPattern("(?m)^tollgate_validations_total\\{[^}]*issuer=\"tollgate\",outcome=\"accepted\","
                        + "reason=\"ok\",scheme=\"gn-access-token\"[^}]*} [1-9]")
                .containsPattern("(?m)^tollgate_validations_total\\{[^}]*issuer=\"unknown\",outcome=\"rejected\","
                        + "reason=\"missing\",scheme=\"none\"[^}]*} [1-9]")
                .containsPattern("(?m)^tollgate_validations_total\\{[^}]*issuer=\"unknown\",outcome=\"rejected\","
                        + "reason=\"malformed\",scheme=\"bearer\"[^}]*} [1-9]")
                .containsPattern("(?m)^tollgate_validations_total\\{[^}]*issuer=\"tollgate\",outcome=\"accepted\","
                        + "reason=\"ok\",scheme=\"bearer\"[^}]*} [1-9]")
                .containsPattern("(?m)^tollgate_validations_total\\{[^}]*issuer=\"tollgate\",outcome=\"rejected\","
                        + "reason=\"issuer\",scheme=\"bearer\"[^}]*} ")
                .containsPattern("(?m)^tollgate_validation_seconds_count\\{[^}]*source=\"verified\"[^}]*} [1-9]")
                .containsPattern("(?m)^tollgate_validation_seconds_bucket\\{[^}]*source=\"cache\",le=\"1.0E-6\"}")
                .containsPattern("(?m)^tollgate_validation_seconds_bucket\\{[^}]*source=\"verified\",le=\"5.0E-5\"}")
                .containsPattern("(?m)^tollgate_revocations_total\\{[^}]*application=\"tollgate\"")
                .containsPattern("(?m)^tollgate_rate_limit_rejections_total\\{[^}]*limit=\"oauth-app\"")
                .containsPattern("(?m)^tollgate_rate_limit_rejections_total\\{[^}]*limit=\"client-address\"")
                .containsPattern("(?m)^tollgate_lockout_rejections_total\\{[^}]*dialect=\"brand\"")
                .containsPattern("(?m)^tollgate_lockout_rejections_total\\{[^}]*dialect=\"oauth\"")
                .containsPattern("(?m)^tollgate_store_errors_total\\{[^}]*operation=\"code.redeem\"")
                .containsPattern("(?m)^tollgate_store_fail_open_total\\{")
                .containsPattern("(?m)^tollgate_jwks_refresh_total\\{[^}]*issuer=\"tollgate\",outcome=\"failure\"")
                .containsPattern("(?m)^tollgate_tokens_issued_total\\{[^}]*dialect=\"brand\",flow=\"api_key\"[^}]*} [1-9]")
                .containsPattern("(?m)^tollgate_tokens_issued_total\\{[^}]*dialect=\"channel\",flow=\"password\"[^}]*} [1-9]")
                .containsPattern("(?m)^tollgate_issuer_rejections_total\\{[^}]*code=\"401\",dialect=\"channel\"[^}]*} [1-9]")
                .containsPattern("(?m)^tollgate_issuer_rejections_total\\{[^}]*code=\"5235\",dialect=\"brand\"")
                .containsPattern("(?m)^cache_gets_total\\{[^}]*cache=\"tollgate.validation.accepted\"[^}]*result=\"hit\"")
                .containsPattern("(?m)^cache_gets_total\\{[^}]*cache=\"tollgate.validation.rejected\"")
                .containsPattern("(?m)^spring_cloud_gateway_requests_seconds_count\\{[^}]*routeId=\"demo-genuin\"");
    }
}
