package io.tollgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the tests that talk to a running Tollgate over real HTTP: the application on a random
 * port with the operator configuration of {@code config/}, its demo routes pointing at {@link
 * TestUpstream}, signing keys from {@link TestKeys}, BlockHound installed and every log line
 * captured. All subclasses share one application context.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "tollgate.demo.enabled=false",
            // The suite sends many requests from one address and with one token; the limits
            // themselves are tested with small ones in RateLimitTest.
            "tollgate.rate-limit.brand.burst-capacity=100000",
            "tollgate.rate-limit.channel.burst-capacity=100000",
            "tollgate.rate-limit.oauth-user.burst-capacity=100000",
            "tollgate.rate-limit.oauth-app.burst-capacity=100000",
            "tollgate.rate-limit.client-address.burst-capacity=100000",
            "tollgate.issuer.lockout.address-max-failures=100000",
            "logging.level.io.tollgate=DEBUG"
        })
@Import({TestRoutes.class, ShiftedClock.Beans.class})
public abstract class IntegrationTest {

    static {
        BlockingGuard.install();
    }

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    protected WebTestClient client;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("tollgate.demo.port", TestUpstream::port);
        registry.add("tollgate.issuer.keys.location", () -> "file:" + TestKeys.FILE);
        registry.add("tollgate.issuer.keys.active-kid", TestKeys.ACTIVE::getKeyID);
        registry.add("tollgate.credentials.location", () -> "file:" + TestCredentials.FILE);
    }

    @BeforeEach
    void connect() {
        LogCapture.attach();
        client = ContractCheck.traffic(WebTestClient.bindToServer())
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void noSecretInAnyLogLine() {
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    /** A brand token for the demo brand {@code acme}, through the brand dialect. */
    protected String brandToken() {
        return Issuance.brandToken(client);
    }

    /** A channel token for the demo user {@code channel_user}, through the channel dialect. */
    protected String channelToken() {
        return Issuance.channelToken(client);
    }
}
