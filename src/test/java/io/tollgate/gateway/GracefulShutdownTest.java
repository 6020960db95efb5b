package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.support.Standalone;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Stopping an instance (a rolling update, a scale-down) lets the requests it is proxying finish:
 * it stops accepting connections at once, answers what is in flight, then exits.
 */
class GracefulShutdownTest {

    private static final ConditionFactory WAIT =
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20));

    private static final Duration HOLD = Duration.ofSeconds(5);

    private final CountDownLatch arrived = new CountDownLatch(1);
    private final Sinks.Empty<Void> release = Sinks.empty();
    /** An upstream that holds each request until the test releases it. */
    private final DisposableServer slowUpstream = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle((request, response) -> {
                arrived.countDown();
                return release.asMono().then(response.sendString(Mono.just("finally")).then());
            })
            .bindNow();

    @AfterEach
    void stopUpstream() {
        slowUpstream.disposeNow();
    }

    @Test
    void anInFlightRequestCompletesWhileTheInstanceStopsAndNewConnectionsAreRefused() throws Exception {
        ConfigurableApplicationContext app = Standalone.startWithTestKeys(
                "--tollgate.demo.port=" + slowUpstream.port());
        int port = Standalone.port(app);
        CompletableFuture<ResponseEntity<String>> inFlight = WebClient.create("http://127.0.0.1:" + port)
                .get().uri("/demo/public/report")
                .retrieve()
                .toEntity(String.class)
                .toFuture();
        assertThat(arrived.await(10, TimeUnit.SECONDS)).as("the request reached the upstream").isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
        WAIT.until(() -> refusesConnections(port));
        // Held past the 3 s Reactor Netty grants open connections when a server is disposed without
        // graceful shutdown: only a graceful shutdown still waits for this request.
        Thread.sleep(HOLD.toMillis());
        assertThat(inFlight).as("still in flight while the instance stops").isNotDone();
        assertThat(stopping).as("the instance waits for it").isNotDone();

        release.tryEmitEmpty();
        ResponseEntity<String> response = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("finally");

        stopping.get(30, TimeUnit.SECONDS);
        assertThat(app.isActive()).isFalse();
        assertThat(refusesConnections(port)).isTrue();
    }

    private static boolean refusesConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
