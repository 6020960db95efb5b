package io.tollgate.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.LogCapture;
import io.tollgate.support.RedemptionRace;
import io.tollgate.support.Replica;
import io.tollgate.support.Secrets;
import io.tollgate.support.ShiftedClock;
import io.tollgate.support.TestCredentials;
import io.tollgate.support.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Revocation on the Redis engine, across two replicas A and B: racing replays (2, 3 or 24
 * redemptions of one code, or of one refresh token, sent to both at once, round after round) leave no access
 * token of the family valid anywhere; and a token revoked after its {@code exp}, while the clock
 * skew still lets it in, stays refused on both and on a replica started afterwards.
 */
class RevocationReplicasTest {

    private static final int ROUNDS = 12;
    private static final List<Integer> RACERS = List.of(2, 3, 24);
    private static final String BEARER_INVALID =
            "{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}";

    private static final Map<String, String> UNLIMITED = Map.of(
            "tollgate.rate-limit.brand.burst-capacity", "100000",
            "tollgate.rate-limit.channel.burst-capacity", "100000",
            "tollgate.rate-limit.oauth-user.burst-capacity", "100000",
            "tollgate.rate-limit.oauth-app.burst-capacity", "100000",
            "tollgate.rate-limit.client-address.burst-capacity", "100000",
            "tollgate.issuer.lockout.address-max-failures", "100000");

    private static String prefix;
    private static Replica a;
    private static Replica b;

    @BeforeAll
    static void startTwoReplicas() {
        prefix = TestRedis.uniquePrefix();
        a = Replica.start(TestRedis.url(), prefix, UNLIMITED);
        b = Replica.start(TestRedis.url(), prefix, UNLIMITED);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void racingRedemptionsOfOneCodeAtBothReplicasLeaveNoAccessTokenValidAnywhere() throws Exception {
        race().rounds(ROUNDS, RACERS, RedemptionRace::raceACode);
    }

    @Test
    void racingUsesOfOneRefreshTokenAtBothReplicasLeaveNoAccessTokenValidAnywhere() throws Exception {
        race().rounds(ROUNDS, RACERS, RedemptionRace::raceARefreshToken);
    }

    /**
     * The token is minted with A's clock set back, so that it expired five seconds ago by the
     * system clock, which the verifier reads: within the 30 s skew it is still accepted, and its
     * revocation must last until the skew is past, on every replica and on one started later.
     */
    @Test
    void aTokenRevokedWithinTheClockSkewAfterItsExpiryStaysRevokedOnEveryReplica() {
        ShiftedClock clock = a.bean(ShiftedClock.class);
        String token;
        try {
            clock.shift(Duration.ofHours(-1).minusSeconds(5));
            token = appToken(a.client());
        } finally {
            clock.shift(Duration.ZERO);
        }
        bearer(b.client(), token).expectStatus().isOk();
        a.client().post().uri("/platform/oauth/invalidate_token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("token=" + token).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"result\":\"OK\"}");
        bearer(a.client(), token).expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(BEARER_INVALID);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> bearer(b.client(), token)
                .expectStatus().isUnauthorized().expectBody(String.class).isEqualTo(BEARER_INVALID));
        try (Replica later = Replica.start(TestRedis.url(), prefix, UNLIMITED)) {
            bearer(later.client(), token).expectStatus().isUnauthorized()
                    .expectBody(String.class).isEqualTo(BEARER_INVALID);
            later.client().get().uri("/platform/oauth/validate_token?access_token=" + token).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody(String.class).isEqualTo("{\"error\":\"invalid_token\",\"error_description\":\"invalid token\"}");
        }
    }

    private static RedemptionRace race() {
        return new RedemptionRace(List.of(new RedemptionRace.Endpoint(a.client(), a.port()),
                new RedemptionRace.Endpoint(b.client(), b.port())));
    }

    private static String appToken(WebTestClient client) {
        String body = client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials&client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        return Secrets.remember((String) JsonMapper.builder().build().readValue(body, Map.class).get("access_token"));
    }

    private static WebTestClient.ResponseSpec bearer(WebTestClient client, String token) {
        return client.get().uri("/demo/bearer/x").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }
}
