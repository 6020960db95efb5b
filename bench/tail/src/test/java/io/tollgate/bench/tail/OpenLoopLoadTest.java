package io.tollgate.bench.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The generator corrects for coordinated omission: a server that holds every request arriving
 * during a known stall charges that stall to every request scheduled during it, each by the time
 * it still had to wait, and not only to the few requests in flight when the stall began.
 *
 * <p>The bounds are exact, not timing thresholds: a request due at {@code t} within the stall
 * cannot be answered before the stall ends, whether it reached the server during the stall (held
 * until its end) or after it (sent late, which the intended start charges). So at least as many
 * requests as were due in {@code [stallStart, stallEnd - x]} must show a latency of {@code x} or
 * more, however slow the machine is. A generator that measured from the moment a request got one
 * of its four connections would record a handful of them.
 */
class OpenLoopLoadTest {

    private static final int RATE = 500;
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(600);
    /** The stall begins when this request arrives, about a second into the schedule. */
    private static final int STALL_AT = RATE;

    private final AtomicInteger arrivals = new AtomicInteger();
    private volatile long stallStart;
    private volatile long stallEnd;
    private DisposableServer server;

    @BeforeEach
    void startStallingServer() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> {
                    long now = System.nanoTime();
                    if (arrivals.incrementAndGet() == STALL_AT) {
                        stallEnd = now + STALL_NANOS;
                        stallStart = now;
                    }
                    long hold = stallStart == 0 ? 0 : stallEnd - now;
                    Mono<Void> answer = response.sendString(Mono.just("ok")).then();
                    return hold > 0 ? Mono.delay(Duration.ofNanos(hold)).then(answer) : answer;
                })
                .bindNow();
    }

    @AfterEach
    void stopServer() {
        server.disposeNow();
    }

    @Test
    void everyRequestScheduledDuringAStallIsChargedWithWhatItWaited() throws InterruptedException {
        LoadPlan plan = new LoadPlan("http://127.0.0.1:" + server.port(), "/x", "Authorization",
                List.of("Bearer a", "Bearer b"), RATE, Duration.ZERO, Duration.ofSeconds(3), 4,
                Duration.ofSeconds(30));

        LoadResult result = new OpenLoopLoad(plan).run();

        Histogram latency = result.latency();
        assertThat(stallStart).as("the stall happened").isPositive();
        assertThat(latency.getTotalCount()).as("every scheduled request is reported").isEqualTo(3L * RATE);
        assertThat(result.errors()).isZero();
        for (long x : new long[] {STALL_NANOS / 4, STALL_NANOS / 2, 3 * STALL_NANOS / 4}) {
            long due = dueBetween(result.schedule(), stallStart, stallEnd - x);
            assertThat(due).as("requests due in the stall's first %d ms", (STALL_NANOS - x) / 1_000_000).isPositive();
            assertThat(latency.getCountBetweenValues(x, latency.getMaxValue()))
                    .as("requests with a latency of %d ms or more", x / 1_000_000)
                    .isGreaterThanOrEqualTo(due);
        }
        long firstInStall = firstDueFrom(result.schedule(), stallStart);
        assertThat(latency.getMaxValue())
                .as("the request due first in the stall waited until its end")
                .isGreaterThanOrEqualTo(latency.lowestEquivalentValue(
                        stallEnd - result.schedule().intendedStart(firstInStall)));
    }

    /** The index of the first request due at or after {@code from} (nanoTime). */
    private static long firstDueFrom(Schedule schedule, long from) {
        long i = 0;
        while (schedule.intendedStart(i) < from) {
            i++;
        }
        return i;
    }

    /** How many of the schedule's requests are due within {@code [from, to]} (nanoTime). */
    private static long dueBetween(Schedule schedule, long from, long to) {
        long count = 0;
        for (long i = firstDueFrom(schedule, from); schedule.intendedStart(i) <= to; i++) {
            count++;
        }
        return count;
    }
}
