package io.tollgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A real nginx (Debian's {@code /usr/sbin/nginx}, whose {@code auth_request} module is the one
 * ingress-nginx runs) with the shipped configuration of {@code deploy/nginx}, copied under {@code
 * target/} with only its ports changed (and whatever {@code edit} changes on top), in front of an
 * upstream and asking a running Tollgate. Fails, never skips, without nginx.
 */
public final class Nginx implements AutoCloseable {

    private static final String BINARY = "/usr/sbin/nginx";
    private static final Path SHIPPED = Path.of("deploy", "nginx");

    private final Process process;
    private final Path prefix;
    private final int port;

    private Nginx(Process process, Path prefix, int port) {
        this.process = process;
        this.prefix = prefix;
        this.port = port;
    }

    /** Starts the shipped nginx.conf between Tollgate's and the upstream's ports, edited by {@code edit}. */
    public static Nginx start(int tollgatePort, int upstreamPort, UnaryOperator<String> edit) throws Exception {
        Path prefix = Path.of("target", "nginx-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("temp"));
        try (var files = Files.list(SHIPPED)) {
            for (Path file : files.toList()) {
                Files.copy(file, prefix.resolve(file.getFileName()));
            }
        }
        int port = freePort();
        Path conf = prefix.resolve("nginx.conf");
        String shipped = Files.readString(conf);
        String templated = shipped
                .replace("server 127.0.0.1:8080;", "server 127.0.0.1:" + tollgatePort + ";")
                .replace("server 127.0.0.1:9000;", "server 127.0.0.1:" + upstreamPort + ";")
                .replace("listen 127.0.0.1:8000;", "listen 127.0.0.1:" + port + ";");
        assertThat(templated).as("the shipped nginx.conf names the ports the test replaces").isNotEqualTo(shipped);
        String edited = edit.apply(templated);
        Files.writeString(conf, edited);
        Process process = new ProcessBuilder(BINARY, "-p", prefix + "/", "-c", conf.toString(),
                "-e", prefix.resolve("logs/error.log").toString(), "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                .start();
        Nginx nginx = new Nginx(process, prefix, port);
        nginx.awaitListening();
        return nginx;
    }

    /** A client of nginx's port. */
    public WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(prefix.resolve("logs/stdout.log"),
                        StandardCharsets.UTF_8) + Files.readString(prefix.resolve("logs/error.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + " within 20 s");
    }
}
