package io.tollgate.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.revocation.CutOffTarget;
import io.tollgate.revocation.RevocationOrigin;
import io.tollgate.revocation.SubjectRevocations;
import io.tollgate.store.CutOffStore;
import io.tollgate.store.RevocationStore;
import io.tollgate.support.Issuance;
import io.tollgate.support.Replica;
import io.tollgate.support.ShiftedClock;
import io.tollgate.support.TestRedis;
import io.tollgate.token.TokenKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * How long a revocation takes to cross replicas: {@code invalidate_token} sent to replica A (or a
 * cut-off of a subject made at A), then
 * (1) the moment B's revocation set holds the token, watched in process every 10 µs, and (2) the first refusal
 * of the token by B over HTTP. Not part of {@code ./mvnw verify} (no timing belongs in a test);
 * run it with {@code ./mvnw test -Dtest=RevocationPropagationBenchmark}. It prints p50/p99/max and
 * writes them to {@code target/revocation-propagation.txt} (and {@code cut-off-propagation.txt}).
 * Here both replicas share the suite's one Redis; a subclass names another topology.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationPropagationBenchmark {

    private static final int WARM_UP = 50;
    private static final int ROUNDS = 500;
    private static final Pattern JTI = Pattern.compile("\"jti\":\"([^\"]+)\"");
    private static final Pattern IAT = Pattern.compile("\"iat\":(\\d+)");

    private Replica a;
    private Replica b;

    /** Spring Boot's keys of the Redis both replicas use, started for this class if need be. */
    Map<String, String> startRedis() {
        return Map.of("spring.data.redis.url", TestRedis.url());
    }

    /** Stops what {@link #startRedis} started. */
    void stopRedis() {}

    /** The topology in the report, and in its file name ({@code target/<name>revocation-propagation.txt}). */
    String topology() {
        return "";
    }

    @BeforeAll
    void start() {
        Map<String, String> redis = startRedis();
        String prefix = TestRedis.uniquePrefix();
        Map<String, String> unlimited = Map.of(
                "tollgate.rate-limit.enabled", "false",
                "logging.level.io.tollgate", "INFO");
        a = Replica.start(redis, prefix, unlimited);
        b = Replica.start(redis, prefix, unlimited);
    }

    @AfterAll
    void stop() {
        a.close();
        b.close();
        stopRedis();
    }

    @Test
    void revocationAtAReachesB() throws Exception {
        WebTestClient clientA = a.client();
        WebTestClient clientB = b.client();
        RevocationStore revocationsAtB = b.bean(RevocationStore.class);
        long[] inProcess = new long[ROUNDS];
        long[] overHttp = new long[ROUNDS];
        for (int round = -WARM_UP; round < ROUNDS; round++) {
            String token = Issuance.brandToken(clientA);
            String jti = jti(token);
            guarded(clientB, token).expectStatus().isOk().expectBody().returnResult();

            long sent = System.nanoTime();
            Thread invalidate = new Thread(() -> clientA.post().uri("/platform/oauth/invalidate_token")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .bodyValue("token=" + token)
                    .exchange()
                    .expectStatus().isOk());
            invalidate.start();
            while (!revocationsAtB.isRevoked(jti)) {
                LockSupport.parkNanos(10_000);
                assertThat(System.nanoTime() - sent).isLessThan(Duration.ofSeconds(10).toNanos());
            }
            long seen = System.nanoTime();
            while (guarded(clientB, token).expectBody().returnResult().getStatus() != HttpStatus.UNAUTHORIZED) {
                assertThat(System.nanoTime() - sent).isLessThan(Duration.ofSeconds(10).toNanos());
            }
            long refused = System.nanoTime();
            invalidate.join();
            if (round >= 0) {
                inProcess[round] = seen - sent;
                overHttp[round] = refused - sent;
            }
        }
        String report = topology() + "revocation propagation, " + ROUNDS + " rounds after " + WARM_UP + " warm-up\n"
                + line("invalidate_token at A -> in B's revocation set", inProcess)
                + line("invalidate_token at A -> first 401 from B (HTTP)", overHttp);
        System.out.println(report);
        Files.writeString(Path.of("target/" + fileName(topology()) + "revocation-propagation.txt"), report,
                StandardCharsets.UTF_8);
    }

    /**
     * The same for a cut-off of the brand at A ({@link SubjectRevocations}, called in process at A:
     * the HTTP leg to A is not in these figures). A token is cut off only if issued before the
     * cut-off's second, so each round moves A's clock on by two seconds first: the round's token
     * is then issued after every earlier cut-off, and B admits it until this round's.
     */
    @Test
    void subjectCutOffAtAReachesB() throws Exception {
        WebTestClient clientA = a.client();
        WebTestClient clientB = b.client();
        CutOffStore cutOffsAtB = b.bean(CutOffStore.class);
        SubjectRevocations revocations = a.bean(SubjectRevocations.class);
        ShiftedClock clockA = a.bean(ShiftedClock.class);
        CutOffTarget acme = new CutOffTarget.Subject(CutOffTarget.DEFAULT_ISSUER, TokenKind.BRAND, "acme");
        RevocationOrigin origin = new RevocationOrigin("RevocationPropagationBenchmark", RevocationOrigin.NO_ADDRESS);
        long[] inProcess = new long[ROUNDS];
        long[] overHttp = new long[ROUNDS];
        try {
            for (int round = -WARM_UP; round < ROUNDS; round++) {
                clockA.advance(Duration.ofSeconds(2));
                String token = Issuance.brandToken(clientA);
                long issuedAt = issuedAt(token);
                guarded(clientB, token).expectStatus().isOk().expectBody().returnResult();

                long sent = System.nanoTime();
                revocations.cutOff(acme, origin).subscribe();
                while (cutOffsAtB.subjectCutOff(CutOffTarget.DEFAULT_ISSUER, TokenKind.BRAND, "acme") <= issuedAt) {
                    LockSupport.parkNanos(10_000);
                    assertThat(System.nanoTime() - sent).isLessThan(Duration.ofSeconds(10).toNanos());
                }
                long seen = System.nanoTime();
                while (guarded(clientB, token).expectBody().returnResult().getStatus() != HttpStatus.UNAUTHORIZED) {
                    assertThat(System.nanoTime() - sent).isLessThan(Duration.ofSeconds(10).toNanos());
                }
                long refused = System.nanoTime();
                if (round >= 0) {
                    inProcess[round] = seen - sent;
                    overHttp[round] = refused - sent;
                }
            }
        } finally {
            clockA.shift(Duration.ZERO);
        }
        String report = topology() + "subject cut-off propagation, " + ROUNDS + " rounds after " + WARM_UP
                + " warm-up\n"
                + line("cut-off at A -> in B's cut-offs", inProcess)
                + line("cut-off at A -> first 401 from B (HTTP)", overHttp);
        System.out.println(report);
        Files.writeString(Path.of("target/" + fileName(topology()) + "cut-off-propagation.txt"), report,
                StandardCharsets.UTF_8);
    }

    private static String fileName(String topology) {
        return topology.isEmpty() ? "" : topology.strip().toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-";
    }

    private static String line(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%-50s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static WebTestClient.ResponseSpec guarded(WebTestClient client, String token) {
        return client.get().uri("/demo/genuin/hello").header("gn-access-token", token).exchange();
    }

    private static String jti(String token) {
        Matcher matcher = JTI.matcher(payload(token));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static long issuedAt(String token) {
        Matcher matcher = IAT.matcher(payload(token));
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
