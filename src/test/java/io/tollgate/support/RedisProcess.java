package io.tollgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One real {@code /usr/bin/redis-server} process (a data node or, with {@code --sentinel}, a
 * Sentinel) on a free port of 127.0.0.1, its configuration, log and data in a directory of its
 * own. Every process started is killed at JVM exit, whatever the test did. {@link #cli} runs
 * {@code redis-cli} against it, which is how the topologies are set up and watched. {@link
 * #standalone} and {@link #singleNodeCluster} are the single nodes of the store tests (a real
 * replica to {@code WAIT} for, a node that checks each script's keys share one slot). A test that
 * needs the binary fails, never skips, when it is missing.
 */
public final class RedisProcess implements AutoCloseable {

    /** Debian's Redis 7.0, installed by {@code .ci/run}: a test that needs it fails when it is missing. */
    public static final Path SERVER = Path.of("/usr/bin/redis-server");

    public static final Path CLI = Path.of("/usr/bin/redis-cli");

    /** 128 + 9: how the JVM reports a process ended by SIGKILL. */
    private static final int KILLED_BY_SIGKILL = 137;

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private static final List<String> NO_PERSISTENCE = List.of("save \"\"", "appendonly no");

    private final int port;
    private final Path directory;
    private final List<String> command;
    private final Process process;

    private RedisProcess(int port, Path directory, List<String> command, Process process) {
        this.port = port;
        this.directory = directory;
        this.command = command;
        this.process = process;
    }

    /**
     * A data node without persistence, its files under {@code target/redis-topologies/standalone-…}, with the
     * configuration lines given besides (e.g. {@code replicaof 127.0.0.1 <port>}).
     */
    public static RedisProcess standalone(String... configuration) {
        List<String> lines = new ArrayList<>(NO_PERSISTENCE);
        lines.addAll(List.of(configuration));
        return start(RedisTopologies.newDirectory("standalone"), lines, false);
    }

    /** A node in cluster mode that owns every slot alone: Redis checks each script's keys share one. */
    public static RedisProcess singleNodeCluster() {
        List<String> lines = new ArrayList<>(NO_PERSISTENCE);
        lines.addAll(List.of("cluster-enabled yes", "cluster-config-file nodes.conf"));
        RedisProcess node = start(RedisTopologies.newDirectory("single-node-cluster"), lines, false);
        node.cli("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
        node.awaitReply(Duration.ofSeconds(20), info -> "ok".equals(RedisCli.field(info, "cluster_state")),
                "CLUSTER", "INFO");
        return node;
    }

    /**
     * Starts {@code redis-server} with the configuration lines given (after the port, bind address,
     * directory and log file, which this sets), and waits until it answers {@code PING}.
     */
    public static RedisProcess start(Path directory, List<String> configuration, boolean sentinel) {
        if (!Files.isExecutable(SERVER)) {
            throw new IllegalStateException(SERVER + " is missing: .ci/run installs Debian's redis-server");
        }
        int port = TestRedis.freePort();
        try {
            Files.createDirectories(directory);
            List<String> lines = new ArrayList<>(List.of(
                    "port " + port,
                    "bind 127.0.0.1",
                    "dir " + directory.toAbsolutePath(),
                    "logfile " + directory.resolve("redis.log").toAbsolutePath(),
                    "daemonize no"));
            lines.addAll(configuration);
            Path conf = directory.resolve(sentinel ? "sentinel.conf" : "redis.conf");
            Files.write(conf, lines, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(SERVER.toString(), conf.toAbsolutePath().toString()));
            if (sentinel) {
                command.add("--sentinel");
            }
            return run(port, directory, List.copyOf(command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts this process again after {@link #kill}, as Kubernetes restarts a pod: the same
     * port, configuration and directory (a cluster node finds its {@code nodes.conf} there and
     * rejoins). Returns the new process; this one stays ended.
     */
    public RedisProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is still running");
        }
        return run(port, directory, command);
    }

    private static RedisProcess run(int port, Path directory, List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.log").toFile()))
                    .start();
            RUNNING.add(process);
            RedisProcess started = new RedisProcess(port, directory, command, process);
            started.awaitReply(Duration.ofSeconds(10), "PONG"::equals, "PING");
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}, as Spring Boot's {@code nodes} lists and Redis's own replies spell it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public Path directory() {
        return directory;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Runs {@code redis-cli -p <port> <arguments>} and returns what it printed (trimmed). */
    public String cli(String... arguments) {
        List<String> command = new ArrayList<>(List.of(CLI.toString(), "-h", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(List.of(arguments));
        return RedisCli.run(command);
    }

    /** The value of one field of {@code INFO <section>}, e.g. {@code info("replication", "role")}; empty if absent. */
    public String info(String section, String field) {
        return RedisCli.field(cli("INFO", section), field);
    }

    /** Polls {@code redis-cli <arguments>} until its reply satisfies {@code expected}, or fails after {@code atMost}. */
    public String awaitReply(Duration atMost, Predicate<String> expected, String... arguments) {
        long deadline = System.nanoTime() + atMost.toNanos();
        String reply = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " ended; see " + directory);
            }
            reply = cli(arguments);
            if (expected.test(reply)) {
                return reply;
            }
            RedisCli.pause();
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer "
                + String.join(" ", arguments) + " as expected within " + atMost + "; last reply: " + reply);
    }

    /**
     * Kills the process with SIGKILL ({@link Process#destroyForcibly}, which on Linux is {@code
     * kill -9}): no shutdown, no last write, the sockets dropped by the kernel. Checks that the
     * process did end by SIGKILL.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " outlived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        RUNNING.remove(process);
        if (process.exitValue() != KILLED_BY_SIGKILL) {
            throw new IllegalStateException("redis-server on port " + port + " ended with " + process.exitValue()
                    + ", not by SIGKILL");
        }
    }

    /** Stops the process (SIGKILL too: the tests keep nothing of it but its files). */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
