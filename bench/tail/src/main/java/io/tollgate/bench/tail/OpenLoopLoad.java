package io.tollgate.bench.tail;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * An open-loop load: requests leave at the plan's fixed rate by their intended start time
 * ({@link Schedule}), never waiting for earlier answers, and each latency is measured from that
 * intended start, not from when the request was sent or got a connection. A stall of the server
 * (or of the generator) is so charged to every request it delayed, as wrk2 does, and not only to
 * the few in flight when it began: the coordinated omission of a closed loop (Gil Tene, "How NOT to
 * measure latency"). A request that waits for one of the plan's connections waits on the clock.
 *
 * <p>One thread keeps the schedule (parking until the next request is due, then sending every
 * request that is due); a single Reactor Netty event loop carries the exchanges, so the generator
 * takes about as much of the machine as {@code wrk -t1}.
 */
public final class OpenLoopLoad {

    private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final LoadPlan plan;

    public OpenLoopLoad(LoadPlan plan) {
        this.plan = plan;
    }

    public LoadResult run() throws InterruptedException {
        LoopResources loops = LoopResources.create("tail", 1, true);
        Duration longest = plan.warmup().plus(plan.duration()).plus(plan.drain());
        ConnectionProvider pool = ConnectionProvider.builder("tail")
                .maxConnections(plan.connections())
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(longest)
                .build();
        HttpClient client = HttpClient.create(pool).runOn(loops).baseUrl(plan.baseUrl());
        try {
            return drive(client);
        } finally {
            pool.disposeLater().block();
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
        }
    }

    private LoadResult drive(HttpClient client) throws InterruptedException {
        // One exchange before the clock starts: the client's first request loads and initialises
        // Reactor Netty, which would otherwise open the schedule with a backlog of its own making.
        exchange(client, 0).block(plan.drain());
        long warmupNanos = plan.warmup().toNanos();
        Schedule schedule = new Schedule(System.nanoTime() + LEAD_NANOS, plan.rate());
        long firstRecorded = schedule.count(warmupNanos);
        long total = schedule.count(warmupNanos + plan.duration().toNanos());
        long epochOffsetMillis = System.currentTimeMillis() - System.nanoTime() / 1_000_000;
        Recording recording = new Recording(schedule, firstRecorded, total);
        Histogram sendLag = new Histogram(3);
        for (long i = 0; i < total; i++) {
            long due = schedule.intendedStart(i);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (i >= firstRecorded) {
                sendLag.recordValue(Math.max(0, System.nanoTime() - due));
            }
            send(client, i, recording);
        }
        recording.awaitAll(plan.drain());
        return recording.result(sendLag, epochOffsetMillis + schedule.intendedStart(firstRecorded) / 1_000_000);
    }

    private void send(HttpClient client, long index, Recording recording) {
        exchange(client, index).subscribe(status -> recording.completed(index, status / 100 == 2),
                error -> recording.completed(index, false));
    }

    /** Request {@code index}: its status once the whole answer is in. */
    private Mono<Integer> exchange(HttpClient client, long index) {
        HttpClient configured = plan.headerValues().isEmpty() ? client : client.headers(headers -> headers.set(
                plan.header(), plan.headerValues().get((int) (index % plan.headerValues().size()))));
        return configured.get()
                .uri(plan.path())
                .response((response, body) -> body.then(Mono.just(response.status().code())))
                .single();
    }

    /** The latencies of one run, recorded as the answers complete, on whichever thread. */
    private static final class Recording {

        private final Schedule schedule;
        private final long firstRecorded;
        private final boolean[] done;
        private final CountDownLatch outstanding;
        private final Histogram latency = new Histogram(3);
        private long errors;
        private long unfinished;
        private boolean closed;

        Recording(Schedule schedule, long firstRecorded, long total) {
            this.schedule = schedule;
            this.firstRecorded = firstRecorded;
            this.done = new boolean[Math.toIntExact(total)];
            this.outstanding = new CountDownLatch(done.length);
        }

        synchronized void completed(long index, boolean success) {
            int i = (int) index;
            if (closed || done[i]) {
                return;
            }
            done[i] = true;
            if (index >= firstRecorded) {
                latency.recordValue(System.nanoTime() - schedule.intendedStart(index));
                if (!success) {
                    errors++;
                }
            }
            outstanding.countDown();
        }

        void awaitAll(Duration drain) throws InterruptedException {
            outstanding.await(drain.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Closes the recording: what is still unanswered counts with the latency it has reached. */
        synchronized LoadResult result(Histogram sendLag, long recordedFromMillis) {
            closed = true;
            long now = System.nanoTime();
            for (int i = (int) firstRecorded; i < done.length; i++) {
                if (!done[i]) {
                    latency.recordValue(now - schedule.intendedStart(i));
                    unfinished++;
                    errors++;
                }
            }
            return new LoadResult(schedule, latency, sendLag, errors, unfinished, recordedFromMillis,
                    System.currentTimeMillis());
        }
    }
}
