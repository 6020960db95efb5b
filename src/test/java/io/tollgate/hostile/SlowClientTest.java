package io.tollgate.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.RawHttp;
import io.tollgate.support.RawResponse;
import io.tollgate.support.Standalone;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Clients that send slowly, over real sockets to a running Tollgate with short timeouts: one that
 * dribbles its headers (one byte a second), one that sends its headers and dribbles its body, one
 * that keeps an idle keep-alive connection. Each is cut off by its timeout; meanwhile, with more dribblers than the server has
 * event loops, an ordinary request on another connection is served.
 */
class SlowClientTest {

    /** More slow connections than event loops (one per core), so a loop held by one would show. */
    private static final int DRIBBLERS = Runtime.getRuntime().availableProcessors() * 2;

    /** Long enough that sending it at one byte a second outlasts every timeout below many times. */
    private static final String HEAD = "GET /demo/public/slow HTTP/1.1\r\nHost: localhost\r\n"
            + "Accept: application/json\r\nUser-Agent: a-slow-client\r\n\r\n";

    private static final String FORM = "username=channel_user&password=not-the-password";
    private static final String FORM_HEAD = "POST /generateToken HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + FORM.length() + "\r\n\r\n";

    private static ConfigurableApplicationContext tollgate;
    private static int port;
    private static ExecutorService clients;

    @BeforeAll
    static void start() {
        // The read timeout above the body's, so that the body timeout is the one that fires; the
        // idle timeout above the one-second pace of the dribblers, which a timer reset by every
        // byte would never reach.
        tollgate = Standalone.start(
                "--server.netty.idle-timeout=3s",
                "--tollgate.server.request-body-timeout=2s",
                "--tollgate.server.request-read-timeout=6s");
        port = Standalone.port(tollgate);
        clients = Executors.newFixedThreadPool(DRIBBLERS);
    }

    @AfterAll
    static void stop() {
        clients.shutdownNow();
        tollgate.close();
    }

    /**
     * Cut off by the idle timeout, though a byte arrives every second: Reactor Netty's idle timer
     * sits after the HTTP codec and is reset only by a decoded request, never by a byte.
     */
    @Test
    void clientsDribblingTheirHeadersAreCutOffWhileOthersAreServed() throws Exception {
        byte[] head = HEAD.getBytes(StandardCharsets.US_ASCII);
        CountDownLatch started = new CountDownLatch(DRIBBLERS);
        List<Future<Dribbled>> dribblers = new ArrayList<>();
        for (int i = 0; i < DRIBBLERS; i++) {
            dribblers.add(clients.submit(() -> dribble(new byte[0], head, started)));
        }
        started.await();

        assertServedOnAnotherConnection();
        for (Future<Dribbled> dribbler : dribblers) {
            Dribbled result = dribbler.get();
            assertThat(result.closedByServer()).as("the server closed the connection").isTrue();
            assertThat(result.sent()).as("bytes of the head sent before it did").isLessThan(head.length);
            assertThat(result.received()).as("what the server answered").isEmpty();
        }
    }

    @Test
    void aClientDribblingItsBodyIsCutOffWhileOthersAreServed() throws Exception {
        byte[] form = FORM.getBytes(StandardCharsets.US_ASCII);
        CountDownLatch started = new CountDownLatch(1);
        Future<Dribbled> dribbler =
                clients.submit(() -> dribble(FORM_HEAD.getBytes(StandardCharsets.US_ASCII), form, started));
        started.await();

        assertServedOnAnotherConnection();
        Dribbled result = dribbler.get();
        assertThat(result.closedByServer()).as("the server closed the connection").isTrue();
        assertThat(result.sent()).as("bytes of the body sent before it did").isLessThan(form.length);
        // The channel endpoint's answer to a body it could not read, written before the close.
        RawResponse answered = RawHttp.parse(result.received().getBytes(StandardCharsets.ISO_8859_1), false)
                .orElseThrow();
        assertThat(answered.status()).isEqualTo(400);
        assertThat(answered.text()).isEqualTo("invalid request");
    }

    @Test
    void anIdleKeepAliveConnectionIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // Far above the idle timeout: the read ends because the server closed, or fails here.
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(HEAD.getBytes(StandardCharsets.US_ASCII));
            out.flush();

            RawResponse answered = RawHttp.parse(RawHttp.readAll(socket.getInputStream()), false).orElseThrow();

            assertThat(answered.status()).isEqualTo(200);
            assertThat(answered.header("connection")).doesNotContain("close");
            assertThat(answered.text()).contains("\"path\":\"/demo/public/slow\"");
        }
    }

    private static void assertServedOnAnotherConnection() throws IOException {
        RawResponse served = RawHttp.exchange(port,
                "GET /demo/public/prompt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII), false).orElseThrow();
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.text()).contains("\"path\":\"/demo/public/prompt\"");
    }

    /**
     * Sends {@code prefix} at once, then {@code slowly} one byte a second (the pause is a read with
     * a one-second timeout, which also notices the server closing), until all is sent or the
     * server closes.
     */
    private static Dribbled dribble(byte[] prefix, byte[] slowly, CountDownLatch started) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(prefix);
            int sent = 0;
            try {
                while (sent < slowly.length) {
                    out.write(slowly[sent]);
                    out.flush();
                    sent++;
                    if (sent == 1) {
                        started.countDown();
                    }
                    try {
                        int answer = in.read();
                        return new Dribbled(true, sent, answer < 0 ? "" : (char) answer
                                + new String(RawHttp.readAll(in), StandardCharsets.ISO_8859_1));
                    } catch (SocketTimeoutException stillOpen) {
                        // A second went by with the connection open: send the next byte.
                    }
                }
            } catch (IOException closedWhileWriting) {
                return new Dribbled(true, sent, "");
            }
            return new Dribbled(false, sent, "");
        }
    }

    /** What a slow client achieved: whether the server closed on it, after how many bytes, what it answered. */
    private record Dribbled(boolean closedByServer, int sent, String received) {}
}
