package io.tollgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.LogCapture;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

/**
 * The client address of a call on the management port, as its audit line names it, is resolved
 * as on the traffic port: through {@code tollgate.network.trusted-proxies} only, also on Kubernetes,
 * where Spring Boot would otherwise believe any client's {@code X-Forwarded-For} there.
 */
class ManagementPortClientAddressTest {

    @Test
    void onKubernetesOnlyTheTrustedProxiesNameTheCaller() {
        try (ConfigurableApplicationContext instance = Standalone.startWithTestKeys(Operator.TOKENS_OPTION,
                "--spring.main.cloud-platform=kubernetes", "--tollgate.network.trusted-proxies=127.0.0.1")) {
            String probe = "probe-" + UUID.randomUUID();
            Operator.management(Standalone.managementPort(instance)).post().uri("/actuator/revocations")
                    .header("X-Forwarded-For", "6.6.6.6, 203.0.113.9")
                    .header("Authorization", "Bearer " + Secrets.remember(probe))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isUnauthorized();
            assertThat(LogCapture.linesContainingAny(List.of("admin.revocation.refused"))).last().asString()
                    .as("the rightmost entry a trusted proxy vouches for, not the leftmost the client wrote")
                    .isEqualTo("admin.revocation.refused via=\"POST /actuator/revocations\" client.address=203.0.113.9"
                            + " outcome=unauthorized");
        }
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }
}
