package io.tollgate.observability;

import io.tollgate.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The probes Kubernetes calls, on the management port: liveness alone, readiness with the keys. */
class HealthGroupsTest extends IntegrationTest {

    @Test
    void livenessReportsOnlyTheProcessOwnState() {
        management().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.livenessState.status").isEqualTo("UP")
                .jsonPath("$.components.keys").doesNotExist()
                .jsonPath("$.components.readinessState").doesNotExist();
    }

    @Test
    void readinessIncludesTheKeysThatVerifyTokens() {
        management().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.readinessState.status").isEqualTo("UP")
                .jsonPath("$.components.keys.status").isEqualTo("UP")
                .jsonPath("$.components.livenessState").doesNotExist();
    }

    private WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
    }
}
