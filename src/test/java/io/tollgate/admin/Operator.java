package io.tollgate.admin;

import io.tollgate.support.ContractCheck;
import io.tollgate.support.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An operator of the tests: a token of its own (remembered as a secret, so no log line may carry
 * it), its {@code tollgate.admin.tokens} entry, and calls of {@code POST /actuator/revocations}.
 */
public final class Operator {

    static final String TOKEN = Secrets.remember("operator-" + UUID.randomUUID());
    static final String HASH = "{sha256}" + sha256(TOKEN);
    /** The start option that lets {@link #TOKEN} in. */
    public static final String TOKENS_OPTION = "--tollgate.admin.tokens[0]=" + HASH;

    private static final Pattern REVOKED_BEFORE =
            Pattern.compile("\\{\"revoked-before\":\"(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ)\"}");

    private Operator() {}

    public static WebTestClient management(int port) {
        return ContractCheck.management(WebTestClient.bindToServer())
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** {@code POST /actuator/revocations} with the operator token and a JSON body. */
    static WebTestClient.ResponseSpec revoke(WebTestClient management, String body) {
        return management.post().uri("/actuator/revocations")
                .header("Authorization", "Bearer " + TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** A call that must succeed: its cut-off, read from the exact 200 body. */
    public static Instant cutOff(WebTestClient management, String body) {
        String answer = revoke(management, body)
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher matcher = REVOKED_BEFORE.matcher(answer);
        if (!matcher.matches()) {
            throw new AssertionError("Not the 200 body of the contract: " + answer);
        }
        return Instant.parse(matcher.group(1));
    }

    /** Waits until the clock has passed {@code cutOff}, so that a token issued now is issued after it. */
    public static void waitPast(Instant cutOff) throws InterruptedException {
        while (!Instant.now().isAfter(cutOff)) {
            Thread.sleep(50);
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
