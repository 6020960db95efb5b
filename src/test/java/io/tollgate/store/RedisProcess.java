package io.tollgate.store;

import io.tollgate.support.TestRedis;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Debian {@code redis-server} (7.0, {@code /usr/bin/redis-server}) the test starts on a free
 * port with its files under {@code target/redis-processes/<port>}, and stops. For what the
 * embedded 6.2 server cannot show: a real replica to {@code WAIT} for, a node in cluster mode that
 * refuses a script touching keys of several slots. Fails (never skips) when the binary is missing.
 */
final class RedisProcess implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/bin/redis-server");

    private final int port;
    private final Process process;

    private RedisProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** A server with {@code settings} ({@code --name value} pairs) beside the defaults: no persistence. */
    static RedisProcess start(String... settings) {
        if (!Files.isExecutable(SERVER)) {
            throw new IllegalStateException(SERVER + " is missing: .ci/run installs Debian's redis-server");
        }
        int port = TestRedis.freePort();
        try {
            Path dir = Files.createDirectories(Path.of("target", "redis-processes", String.valueOf(port)));
            List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--port", String.valueOf(port),
                    "--bind", "127.0.0.1", "--dir", dir.toAbsolutePath().toString(), "--save", "",
                    "--appendonly", "no", "--daemonize", "no"));
            command.addAll(List.of(settings));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
            RedisProcess server = new RedisProcess(port, process);
            server.awaitReply("PING", "+PONG");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node in cluster mode that owns every slot alone: Redis checks each script's keys share one. */
    static RedisProcess singleNodeCluster() {
        RedisProcess node = start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf");
        node.command("CLUSTER ADDSLOTSRANGE 0 16383");
        node.awaitReply("CLUSTER INFO", "cluster_state:ok");
        return node;
    }

    int port() {
        return port;
    }

    /** One inline command; the first line of the reply, or all of a bulk reply. */
    String command(String inline) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String first = in.readLine();
            if (first == null || !first.startsWith("$")) {
                return first;
            }
            char[] body = new char[Integer.parseInt(first.substring(1))];
            int read = 0;
            while (read < body.length) {
                read += in.read(body, read, body.length - read);
            }
            return new String(body);
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        }
    }

    /** Waits until {@code inline} answers with a reply holding {@code expected}. */
    void awaitReply(String inline, String expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String reply = command(inline);
        while (reply == null || !reply.contains(expected)) {
            if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                throw new IllegalStateException("redis-server on " + port + " never answered " + expected
                        + " to " + inline + ": " + reply);
            }
            sleep();
            reply = command(inline);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
