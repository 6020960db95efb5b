package io.tollgate.validation;

import io.tollgate.token.AccessToken;
import io.tollgate.token.KeySetChange;
import io.tollgate.token.TokenKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What forgetting a dropped key's verdicts costs ({@link ValidationCaches#forget}), against
 * clearing both tiers: fills the accepted and hot tiers with verdicts of two keys, half each, then
 * times the walk that removes one key's; refills and times {@code invalidateAll} of both. Verdicts
 * are put directly: the cost depends on the number of entries, not on how they were verified.
 *
 * <p>Run: {@code ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * -Dmdep.includeScope=test && java -cp target/classes:target/test-classes:$(cat target/cp.txt)
 * io.tollgate.validation.KeyPurgeHarness [accepted entries] [hot entries]}; see docs/BENCHMARKS.md.
 */
public final class KeyPurgeHarness {

    private static final int ROUNDS = 7;

    private KeyPurgeHarness() {}

    public static void main(String[] args) {
        int acceptedEntries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int hotEntries = args.length > 1 ? Integer.parseInt(args[1]) : 16_384;
        ValidationProperties properties = new ValidationProperties(Duration.ofSeconds(30), 8192,
                new ValidationProperties.Cache(acceptedEntries, hotEntries, Duration.ofHours(1)),
                new ValidationProperties.NegativeCache(10_000, Duration.ofSeconds(30)));
        ValidationCaches caches = ValidationCaches.create(properties, Clock.systemUTC());
        long expiry = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        KeySetChange dropOld = new KeySetChange(Set.of(), Set.of("old"));
        for (int round = 1; round <= ROUNDS; round++) {
            fill(caches, acceptedEntries, hotEntries, "walk-" + round, expiry);
            long before = entries(caches);
            long start = System.nanoTime();
            caches.forget(AccessToken.TOLLGATE, dropOld);
            long walk = System.nanoTime() - start;
            long removed = before - entries(caches);

            fill(caches, acceptedEntries, hotEntries, "flush-" + round, expiry);
            long full = entries(caches);
            start = System.nanoTime();
            caches.hot().invalidateAll();
            caches.accepted().invalidateAll();
            long flush = System.nanoTime() - start;
            System.out.printf("round %d: walk of %,d entries removing %,d: %.1f ms; flush of %,d: %.1f ms%n",
                    round, before, removed, walk / 1e6, full, flush / 1e6);
        }
    }

    /** Fills both tiers whole, half the verdicts of each under the key {@code old}. */
    private static void fill(ValidationCaches caches, int acceptedEntries, int hotEntries, String round, long expiry) {
        for (int i = 0; i < acceptedEntries; i++) {
            String kid = i % 2 == 0 ? "old" : "new";
            ValidationResult verdict = ValidationResult.valid(new AccessToken(AccessToken.TOLLGATE, "t" + i, "subject-" + i,
                    TokenKind.BRAND, "client-" + (i % 100), Set.of("content:read"), List.of("tollgate"), expiry - 3600, expiry), kid);
            TokenKey token = TokenKey.of("token-" + round + "-" + i);
            caches.accepted().put(TokenDigest.of(token), verdict);
            if (i < hotEntries) {
                caches.hot().put(token, verdict);
            }
        }
        caches.hot().cleanUp();
        caches.accepted().cleanUp();
    }

    private static long entries(ValidationCaches caches) {
        return caches.accepted().estimatedSize() + caches.hot().estimatedSize();
    }
}
