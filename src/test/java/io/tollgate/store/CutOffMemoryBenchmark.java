package io.tollgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.revocation.CutOffTarget;
import io.tollgate.support.LiveHeap;
import io.tollgate.token.TokenKind;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * What one cut-off weighs in a replica's memory (the local copy every replica keeps, or the
 * memory engine): the live heap gained by 100,000 cut-offs of distinct subjects (brand ids of 12
 * characters, half of them also as client ids), from class histograms. Not part of {@code ./mvnw
 * verify}; run it with {@code ./mvnw test -Dtest=CutOffMemoryBenchmark}. It prints the figures and
 * writes them to {@code target/cut-off-memory.txt}.
 */
class CutOffMemoryBenchmark {

    private static final int ENTRIES = 100_000;

    @Test
    void bytesPerCutOff() throws Exception {
        Clock clock = Clock.systemUTC();
        Instant cutOff = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant keptUntil = cutOff.plus(Duration.ofDays(30));
        String[] subjects = new String[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            subjects[i] = String.format("brand-%06d", i);
        }
        MemoryCutOffStore store = new MemoryCutOffStore(clock);
        store.cutOff(new CutOffTarget.Subject("tollgate", TokenKind.BRAND, "warm-up"), cutOff, keptUntil).block();
        long empty = LiveHeap.bytes();
        for (int i = 0; i < ENTRIES; i++) {
            CutOffTarget target = i % 2 == 0
                    ? new CutOffTarget.Subject("tollgate", TokenKind.BRAND, subjects[i])
                    : new CutOffTarget.Client("tollgate", subjects[i]);
            store.cutOff(target, cutOff, keptUntil).block();
        }
        long full = LiveHeap.bytes();
        assertThat(store.size()).isEqualTo(ENTRIES + 1);
        String report = String.format("cut-offs: %,d entries, %,d bytes retained, %.0f bytes per entry, plus the"
                        + " subject string the entry keeps (%,d bytes here; the benchmark holds them too, so they"
                        + " are not in the delta)%n%s%n",
                ENTRIES, full - empty, (full - empty) / (double) ENTRIES,
                40 + subjects[0].length(), LiveHeap.histogram(12));
        Reference.reachabilityFence(store);
        Reference.reachabilityFence(subjects);
        System.out.println(report);
        Files.writeString(Path.of("target/cut-off-memory.txt"), report, StandardCharsets.UTF_8);
    }
}
