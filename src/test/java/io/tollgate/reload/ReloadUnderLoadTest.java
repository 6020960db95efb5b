package io.tollgate.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.observability.MeterNames;
import io.tollgate.support.Issuance;
import io.tollgate.support.LogCapture;
import io.tollgate.support.SecretVolume;
import io.tollgate.support.Secrets;
import io.tollgate.support.Standalone;
import io.tollgate.support.StoredHash;
import io.tollgate.support.TestCredentials;
import io.tollgate.support.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue #14's reload under load: while clients mint brand tokens and present them, and present a
 * token minted before the first reload, the credentials file and the JWK set file are changed 100
 * times (a brand added and removed in turn, the signing key switched in turn), each version
 * published as the kubelet publishes a Secret volume's. Not one of the clients' requests may fail.
 * Each reload is proven in force before the next: the brand that comes and goes is accepted or
 * refused as the version says, and the tokens minted carry both keys' ids.
 */
class ReloadUnderLoadTest {

    private static final int RELOADS = 100;
    private static final int CLIENTS = 4;
    private static final String ACME_SECRET = "sk_demo_acme_4c1f9e0b7d2a8e6f3b5c9d1a7e2f4b8c";
    private static final String VISITOR_SECRET = Secrets.remember("sk_visitor_6d8f0b2c4e6a8d0f2b4c6e8a0d2f4b6c");
    private static final String ISSUED = "{\"code\":200,\"message\":\"Access token generated\",\"data\":{\"expires_in\":3600}}";
    private static final String BRAND_NOT_EXISTS = "{\"code\":\"5235\",\"message\":\"Brand not exists.\",\"data\":{}}";
    private static final RSAKey BLUE = TestKeys.rsa("reload-blue");
    private static final RSAKey GREEN = TestKeys.rsa("reload-green");

    private static Path directory;
    private static SecretVolume credentials;
    private static SecretVolume keys;
    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;

    @BeforeAll
    static void start() throws Exception {
        Secrets.remember(BLUE.getPrivateExponent().toString());
        Secrets.remember(GREEN.getPrivateExponent().toString());
        directory = Files.createTempDirectory("tollgate-reload-under-load");
        credentials = SecretVolume.create(directory.resolve("credentials"), "credentials.yml", credentialsFile(false));
        keys = SecretVolume.create(directory.resolve("keys"), "jwks.json", keySet(BLUE, GREEN));
        gateway = Standalone.start(
                "--server.port=0",
                "--tollgate.credentials.location=file:" + credentials.file(),
                "--tollgate.issuer.keys.location=file:" + keys.file(),
                "--tollgate.reload.poll-interval=200ms",
                "--tollgate.rate-limit.client-address.burst-capacity=1000000",
                "--tollgate.rate-limit.brand.burst-capacity=1000000");
        client = Standalone.client(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        assertThat(LogCapture.linesContainingAny(Secrets.seen())).isEmpty();
    }

    @Test
    void aHundredReloadsOfBothFilesFailNotOneRequest() throws Exception {
        String earlyToken = Issuance.brandToken(client);
        List<String> failures = new CopyOnWriteArrayList<>();
        Set<String> kidsMinted = ConcurrentHashMap.newKeySet();
        AtomicLong requests = new AtomicLong();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            load.execute(() -> {
                while (loading.get()) {
                    exchange(earlyToken, failures, kidsMinted, requests);
                }
            });
        }

        double credentialsApplied = applied("credentials");
        double keysApplied = applied("keys");
        for (int reload = 0; reload < RELOADS; reload++) {
            if (reload % 2 == 0) {
                boolean visitorIn = reload % 4 == 0;
                credentials.publish(credentialsFile(visitorIn));
                double before = credentialsApplied++;
                await().atMost(Duration.ofSeconds(20)).until(() -> applied("credentials") > before);
                expectVisitor(visitorIn);
            } else {
                keys.publish(reload % 4 == 1 ? keySet(GREEN, BLUE) : keySet(BLUE, GREEN));
                double before = keysApplied++;
                await().atMost(Duration.ofSeconds(20)).until(() -> applied("keys") > before);
            }
        }
        loading.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(failures).isEmpty();
        assertThat(applied("credentials") + applied("keys")).isEqualTo(RELOADS);
        assertThat(rejected("credentials") + rejected("keys")).isZero();
        assertThat(kidsMinted).containsExactlyInAnyOrder(BLUE.getKeyID(), GREEN.getKeyID());
        assertThat(requests.get()).isGreaterThan(RELOADS);
    }

    /** One client's round: mint a token, present it, present the early one; anything but success is a failure. */
    private static void exchange(String earlyToken, List<String> failures, Set<String> kidsMinted, AtomicLong requests) {
        EntityExchangeResult<String> issued = Issuance.brandRequest(client, "ak_demo_acme", ACME_SECRET)
                .expectBody(String.class).returnResult();
        requests.incrementAndGet();
        String token = issued.getResponseHeaders().getFirst("gn-access-token");
        if (issued.getStatus().value() != 200 || token == null) {
            failures.add("issuance: " + issued.getStatus() + " " + issued.getResponseBody());
            return;
        }
        kidsMinted.add(kid(token));
        for (String presented : List.of(token, earlyToken)) {
            int status = client.get().uri("/demo/genuin/items").header("gn-access-token", presented).exchange()
                    .returnResult(Void.class).getStatus().value();
            requests.incrementAndGet();
            if (status != 200) {
                failures.add("guarded request: " + status);
            }
        }
    }

    private static void expectVisitor(boolean in) {
        if (in) {
            Issuance.brandRequest(client, "ak_visitor", VISITOR_SECRET).expectStatus().isOk()
                    .expectBody().json(ISSUED, true);
        } else {
            Issuance.brandRequest(client, "ak_visitor", VISITOR_SECRET).expectStatus().isNotFound()
                    .expectBody().json(BRAND_NOT_EXISTS, true);
        }
    }

    private static double applied(String file) {
        return reloads(file, "applied");
    }

    private static double rejected(String file) {
        return reloads(file, "rejected");
    }

    private static double reloads(String file, String outcome) {
        return gateway.getBean(MeterRegistry.class).get(MeterNames.CONFIG_RELOADS)
                .tag("file", file).tag("outcome", outcome).counter().count();
    }

    /** The demo brand acme, and with {@code visitorIn} the brand visitor that comes and goes. */
    private static String credentialsFile(boolean visitorIn) {
        String visitor = visitorIn ? """
                      - id: visitor
                        api-key: ak_visitor
                        api-secret: "%s"
                """.formatted(StoredHash.sha256(VISITOR_SECRET)) : "";
        return """
                tollgate:
                  credentials:
                    brands:
                      - id: acme
                        api-key: ak_demo_acme
                        api-secret: "%s"
                        scopes: [content:read]
                %s    clients:
                      - client-id: test-web
                        client-secret: "%s"
                        redirect-uris: [%s]
                        grant-types: [authorization_code]
                        scopes: [profile]
                """.formatted(StoredHash.sha256(ACME_SECRET), visitor, StoredHash.sha256(VISITOR_SECRET),
                TestCredentials.REDIRECT_URI);
    }

    private static String keySet(JWK... keys) {
        return new JWKSet(List.of(keys)).toString(false);
    }

    private static String kid(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

}
