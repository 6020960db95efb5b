package io.tollgate.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redemptions of one code, or of one refresh token, sent at once over real HTTP to one or more
 * replicas (in turn), and what must hold afterwards whatever the interleaving: at most one
 * request got tokens, every other one was refused with {@code invalid_grant}, and since all but
 * one were replays, the family is revoked: every access token anyone received is refused by the
 * guard and by {@code validate_token} on every replica, and the refresh token the winner received
 * does not work.
 */
public final class RedemptionRace {

    private static final String REDIRECT = URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8);
    private static final String WEB = "client_id=test-web&client_secret=" + TestCredentials.WEB_SECRET;
    private static final String TRUSTED = "client_id=test-trusted&client_secret=" + TestCredentials.TRUSTED_SECRET;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, String> CODE_REPLAYED = invalidGrant(
            "The code was already used; the tokens issued from it are revoked");
    private static final Map<String, String> REFRESH_REUSED = invalidGrant(
            "The refresh token was already used; its grant is revoked");
    private static final Map<String, String> REFRESH_UNKNOWN = invalidGrant("The refresh token is unknown or expired");
    /** The winner's answer when a replay revoked the family before the winner had added its token. */
    private static final Map<String, String> GRANT_REVOKED = invalidGrant("The grant was revoked");

    private final List<Endpoint> replicas;

    /** A replica: its client and port. */
    public record Endpoint(WebTestClient client, int port) {}

    public RedemptionRace(List<Endpoint> replicas) {
        this.replicas = replicas;
    }

    /**
     * Rounds of races, each with a number of racers from {@code racers} in turn: with few, the
     * replays tend to land before the winner has added its token to the family; with many, some
     * land while it is being added and after.
     */
    public void rounds(int rounds, List<Integer> racers, Round round) throws Exception {
        for (int i = 0; i < rounds; i++) {
            round.run(this, racers.get(i % racers.size()));
        }
    }

    /** One race of {@code racers} requests. */
    @FunctionalInterface
    public interface Round {
        void run(RedemptionRace race, int racers) throws Exception;
    }

    /** One round: a code from the first replica, redeemed by {@code racers} requests at once. */
    public void raceACode(int racers) throws Exception {
        Endpoint first = replicas.get(0);
        String code = Secrets.remember(OAuthBrowserless.parameters(new OAuthBrowserless(first.client(), first.port())
                .allow("client_id=test-web&redirect_uri=" + REDIRECT), false).get("code"));
        List<Map<String, Object>> refused = new ArrayList<>();
        List<Map<String, Object>> granted = race(
                "grant_type=authorization_code&" + WEB + "&code=" + code + "&redirect_uri=" + REDIRECT, racers, refused);
        assertThat(refused).as("every loser is a replay, the winner may find its family revoked")
                .allMatch(body -> body.equals(CODE_REPLAYED) || body.equals(GRANT_REVOKED));
        assertRevoked(granted.stream().map(body -> (String) body.get("access_token")).toList(), granted, WEB);
    }

    /** One round: a refresh token from a password grant, used by {@code racers} requests at once. */
    public void raceARefreshToken(int racers) throws Exception {
        Map<String, Object> start = body(replicas.get(0).client().post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=password&" + TRUSTED + "&username=alice&password=" + TestCredentials.PASSWORD)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult());
        List<Map<String, Object>> refused = new ArrayList<>();
        List<Map<String, Object>> granted = race(
                "grant_type=refresh_token&" + TRUSTED + "&refresh_token=" + start.get("refresh_token"), racers, refused);
        assertThat(refused).as("reused, or the family already revoked; the winner may find it revoked")
                .allMatch(body -> body.equals(REFRESH_REUSED) || body.equals(REFRESH_UNKNOWN)
                        || body.equals(GRANT_REVOKED));
        List<String> accessTokens = new ArrayList<>(List.of((String) start.get("access_token")));
        granted.forEach(body -> accessTokens.add((String) body.get("access_token")));
        assertRevoked(accessTokens, granted, TRUSTED);
    }

    /** Sends {@code form} {@code racers} times at once; returns the successes, adds the failures to {@code refused}. */
    private List<Map<String, Object>> race(String form, int racers, List<Map<String, Object>> refused)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<EntityExchangeResult<String>>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                WebTestClient client = replicas.get(i % replicas.size()).client();
                results.add(pool.submit(() -> {
                    start.await();
                    return client.post().uri("/platform/oauth/request_token")
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .bodyValue(form)
                            .exchange().expectBody(String.class).returnResult();
                }));
            }
            List<Map<String, Object>> granted = new ArrayList<>();
            for (Future<EntityExchangeResult<String>> result : results) {
                EntityExchangeResult<String> response = result.get(60, TimeUnit.SECONDS);
                if (response.getStatus() == HttpStatus.OK) {
                    granted.add(body(response));
                } else {
                    assertThat(response.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
                    refused.add(body(response));
                }
            }
            assertThat(granted).as("at most one redemption wins").hasSizeLessThanOrEqualTo(1);
            return granted;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Every access token is refused everywhere (on other replicas once the revocation has reached
     * them), and so is the refresh token the winner got, which {@code client} presents.
     */
    private void assertRevoked(List<String> accessTokens, List<Map<String, Object>> granted, String client) {
        for (Endpoint replica : replicas) {
            for (String token : accessTokens) {
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    EntityExchangeResult<String> guarded = replica.client().get().uri("/demo/bearer/x")
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                            .exchange().expectBody(String.class).returnResult();
                    assertThat(guarded.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
                    assertThat(body(guarded)).isEqualTo(
                            Map.of("error", "invalid_token", "error_description", "The access token is invalid"));
                });
                EntityExchangeResult<String> validated = replica.client().get()
                        .uri("/platform/oauth/validate_token?access_token=" + token)
                        .exchange().expectBody(String.class).returnResult();
                assertThat(validated.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(body(validated)).isEqualTo(Map.of("error", "invalid_token", "error_description", "invalid token"));
            }
            for (Map<String, Object> tokens : granted) {
                EntityExchangeResult<String> refresh = replica.client().post().uri("/platform/oauth/request_token")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .bodyValue("grant_type=refresh_token&" + client + "&refresh_token=" + tokens.get("refresh_token"))
                        .exchange().expectBody(String.class).returnResult();
                assertThat(refresh.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(body(refresh)).isEqualTo(REFRESH_UNKNOWN);
            }
        }
    }

    private static Map<String, Object> body(EntityExchangeResult<String> response) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JSON.readValue(response.getResponseBody(), Map.class);
        for (String token : List.of("access_token", "refresh_token")) {
            if (body.get(token) instanceof String value) {
                Secrets.remember(value);
            }
        }
        return body;
    }

    private static Map<String, String> invalidGrant(String description) {
        return Map.of("error", "invalid_grant", "error_description", description);
    }
}
