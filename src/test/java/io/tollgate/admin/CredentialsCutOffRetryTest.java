package io.tollgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.RedisProcess;
import io.tollgate.support.Replica;
import io.tollgate.support.SecretVolume;
import io.tollgate.support.Secrets;
import io.tollgate.support.StoredHash;
import io.tollgate.support.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.test.web.reactive.server.FluxExchangeResult;

/**
 * A suspension's cut-off that fewer replicas acknowledged than {@code wait-replicas} asks (two
 * asked, one real Redis replica present) is written again and again until one is acknowledged,
 * and always with the instant of the suspension: the brand, re-activated meanwhile, keeps the
 * token it got after the re-activation however many attempts follow, while the token from before
 * the suspension stays refused.
 */
class CredentialsCutOffRetryTest {

    private static final String PARTNER_SECRET = Secrets.remember("sk_partner_0e2c4a6e8c0a2e4c6a8e0c2a4e6c8a0e");
    private static final String GENUIN_INVALID = "{\"code\":\"4011\",\"message\":\"Access token invalid.\",\"data\":{}}";

    private static RedisProcess primary;
    private static RedisProcess replica;
    private static SecretVolume volume;
    private static Replica gateway;

    /** Two redis-server processes and one application: a wider hang guard on the loaded build machine. */
    @BeforeAll
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    static void start() throws Exception {
        primary = RedisProcess.standalone();
        replica = RedisProcess.standalone("replicaof 127.0.0.1 " + primary.port());
        replica.awaitReply(Duration.ofSeconds(20), info -> info.contains("master_link_status:up"),
                "INFO", "replication");
        volume = SecretVolume.create(Files.createTempDirectory(Path.of("target"), "tollgate-cut-off-retry"),
                "credentials.yml", file("active"));
        gateway = Replica.start("redis://127.0.0.1:" + primary.port(), TestRedis.uniquePrefix(), Map.of(
                "tollgate.credentials.location", "file:" + volume.file().toAbsolutePath(),
                "tollgate.reload.poll-interval", "200ms",
                "tollgate.store.redis.wait-replicas", "2"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        replica.close();
        primary.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void aCutOffShortOfReplicasIsRetriedWithTheInstantOfTheSuspension() {
        String before = partnerToken();
        gateway.guarded(before).expectStatus().isOk();

        volume.publish(file("suspended"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> gateway.guarded(before)
                .expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(GENUIN_INVALID));
        // In force from the announcement, which the script sends before the WAIT comes back short.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(shortfalls())
                .as("the cut-off is in force on the primary, not acknowledged").isPositive());

        volume.publish(file("active"));
        // Issued once the re-activation is in force and past the cut-off's second (iat has whole seconds).
        AtomicReference<String> issued = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            FluxExchangeResult<Void> answer = Issuance.brandRequest(gateway.client(), "ak_partner", PARTNER_SECRET)
                    .returnResult(Void.class);
            if (!answer.getStatus().is2xxSuccessful()) {
                return false;
            }
            issued.set(Secrets.remember(answer.getResponseHeaders().getFirst("gn-access-token")));
            return gateway.guarded(issued.get()).returnResult(Void.class).getStatus().is2xxSuccessful();
        });
        String after = issued.get();

        double attempts = shortfalls();
        await().atMost(Duration.ofSeconds(60)).until(() -> shortfalls() >= attempts + 2);
        assertThat(LogCapture.linesContainingAny(List.of("credentials reload of brand partner not acknowledged yet")))
                .as("one line at the first failure").hasSize(1);
        gateway.guarded(after).expectStatus().isOk();
        gateway.guarded(before).expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(GENUIN_INVALID);
    }

    private static String partnerToken() {
        return Secrets.remember(Issuance.brandRequest(gateway.client(), "ak_partner", PARTNER_SECRET)
                .expectStatus().isOk()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getFirst("gn-access-token"));
    }

    private static double shortfalls() {
        return gateway.bean(MeterRegistry.class).get("tollgate.store.errors").tag("operation", "replication.wait")
                .counter().count();
    }

    private static String file(String status) {
        return """
                tollgate:
                  credentials:
                    brands:
                      - id: partner
                        api-key: ak_partner
                        api-secret: "%s"
                        status: %s
                        scopes: [content:read]
                """.formatted(StoredHash.sha256(PARTNER_SECRET), status);
    }
}
