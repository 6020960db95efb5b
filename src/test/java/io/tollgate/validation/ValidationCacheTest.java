package io.tollgate.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.store.RevocationStore;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Tokens;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** The validation cache on the running gateway: one verification per new token, revocation on every hit. */
class ValidationCacheTest extends IntegrationTest {

    @Autowired
    MeterRegistry registry;

    @Autowired
    ValidationService validation;

    @Autowired
    RevocationStore revocations;

    @Test
    void concurrentRequestsWithOneNewTokenCauseOneVerification() {
        String token = Tokens.sign(Tokens.brandClaims().build());
        double before = verifications();
        WebClient web = WebClient.create("http://localhost:" + port);
        List<HttpStatusCode> statuses = Flux.range(0, 64)
                .flatMap(i -> web.get().uri("/demo/genuin/items").header("gn-access-token", token)
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode())), 64)
                .collectList()
                .block();
        assertThat(statuses).hasSize(64).allMatch(HttpStatusCode::is2xxSuccessful);
        assertThat(verifications() - before).isEqualTo(1.0);
    }

    @Test
    void threadsRacingOnOneNewTokenShareOneVerification() throws Exception {
        String token = Tokens.sign(Tokens.brandClaims().build());
        double before = verifications();
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ValidationResult>> results = IntStream.range(0, threads)
                    .mapToObj(i -> pool.submit(() -> {
                        start.await();
                        return validation.validate(token).block();
                    }))
                    .toList();
            for (Future<ValidationResult> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS).isValid()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(verifications() - before).isEqualTo(1.0);
    }

    @Test
    void aRevokedTokenIsRejectedOnTheNextRequestThoughCached() throws Exception {
        String token = Tokens.sign(Tokens.brandClaims().build());
        client.get().uri("/demo/genuin/items").header("gn-access-token", token).exchange().expectStatus().isOk();
        double cachedBefore = fromCache();
        client.get().uri("/demo/genuin/items").header("gn-access-token", token).exchange().expectStatus().isOk();
        assertThat(fromCache() - cachedBefore).isEqualTo(1.0);

        SignedJWT jwt = SignedJWT.parse(token);
        revocations.revoke(jwt.getJWTClaimsSet().getJWTID(), jwt.getJWTClaimsSet().getExpirationTime().toInstant())
                .block();
        double verifiedBefore = verifications();
        client.get().uri("/demo/genuin/items").header("gn-access-token", token).exchange()
                .expectStatus().isUnauthorized();
        assertThat(verifications()).as("answered from the cache, not re-verified").isEqualTo(verifiedBefore);
    }

    @Test
    void aRejectedTokenIsRememberedInTheNegativeCache() {
        String forged = Tokens.sign(Tokens.brandClaims().issuer("https://evil.example").build());
        double before = verifications();
        for (int i = 0; i < 5; i++) {
            assertThat(validation.validate(forged).block().reason()).isEqualTo(RejectionReason.UNKNOWN_ISSUER);
        }
        assertThat(verifications() - before).isEqualTo(1.0);
    }

    private double verifications() {
        return registry.get("tollgate.validation").tag("source", "verified").timer().count();
    }

    private double fromCache() {
        return registry.get("tollgate.validation").tag("source", "cache").timer().count();
    }
}
