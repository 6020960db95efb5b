package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties.Pool.LeasingStrategy;

/**
 * The upstream connection pool as Tollgate's defaults configure it (application.yml): leasing the
 * connection released last first, the runtime choice measured in docs/BENCHMARKS.md ("Runtime
 * choices"). Spring Cloud Gateway's own default is FIFO, and an unknown key binds to nothing
 * without a word, so a renamed property would silently bring FIFO back.
 */
class UpstreamPoolTest extends IntegrationTest {

    @Autowired
    HttpClientProperties httpClient;

    @Test
    void theProxyClientLeasesTheConnectionReleasedLastFirst() {
        assertThat(httpClient.getPool().getLeasingStrategy()).isEqualTo(LeasingStrategy.LIFO);
    }
}
