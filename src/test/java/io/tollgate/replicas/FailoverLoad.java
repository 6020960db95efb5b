package io.tollgate.replicas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Requests sent in loops while a test fails Redis over, one thread per kind of request, each
 * answer kept with when it was sent and received: what a client saw, and for how long it saw
 * failures.
 */
final class FailoverLoad implements AutoCloseable {

    /** One answer: the request's kind, when it was sent and answered ({@link System#nanoTime}), its status and body. */
    record Answer(String kind, long sent, long answered, int status, String body) {

        boolean succeeded() {
            return status == 200;
        }
    }

    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Duration pace;
    private volatile boolean running = true;

    /** @param pace the pause between two requests of one kind */
    FailoverLoad(Duration pace) {
        this.pace = pace;
    }

    /** Sends {@code request} again and again on a thread of its own until {@link #close}. */
    void start(String kind, Supplier<EntityExchangeResult<String>> request) {
        threads.execute(() -> {
            while (running) {
                long sent = System.nanoTime();
                EntityExchangeResult<String> result = request.get();
                answers.add(new Answer(kind, sent, System.nanoTime(), result.getStatus().value(),
                        result.getResponseBody()));
                pause();
            }
        });
    }

    /** Every answer to requests of {@code kind}, in the order they were sent. */
    List<Answer> answers(String kind) {
        synchronized (answers) {
            return answers.stream().filter(answer -> answer.kind().equals(kind))
                    .sorted((x, y) -> Long.compare(x.sent(), y.sent())).toList();
        }
    }

    /** Whether a request of {@code kind} sent after {@code since} ({@link System#nanoTime}) succeeded. */
    boolean succeededSince(String kind, long since) {
        return answers(kind).stream().anyMatch(answer -> answer.sent() > since && answer.succeeded());
    }

    /**
     * The longest outage of {@code kind}: from the sending of a failed request that followed a
     * success (or began the run) to the answer of the first successful one after it.
     */
    Duration longestOutage(String kind) {
        long longest = 0;
        Long firstFailure = null;
        for (Answer answer : answers(kind)) {
            if (!answer.succeeded() && firstFailure == null) {
                firstFailure = answer.sent();
            } else if (answer.succeeded() && firstFailure != null) {
                longest = Math.max(longest, answer.answered() - firstFailure);
                firstFailure = null;
            }
        }
        return Duration.ofNanos(longest);
    }

    private void pause() {
        try {
            Thread.sleep(pace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops every loop and waits for the requests in flight. */
    @Override
    public void close() {
        running = false;
        threads.shutdown();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a request of the load did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
