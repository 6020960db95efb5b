package io.tollgate.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.tollgate.revocation.CutOffTarget;
import io.tollgate.token.TokenKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * Cut-offs of a single instance, and a replica's local copy of the shared ones. One table per
 * issuer, made at its first cut-off, holds a map per token kind (keyed by subject) and one for
 * clients, so a lookup is two hash lookups by strings the token already has: no key is built per
 * request, and an issuer with no cut-off costs one lookup in a map that is empty.
 *
 * <p>Whether an entry still applies is judged by the application {@link Clock}, as in {@link
 * MemoryRevocationStore}; Caffeine's own expiry only frees the memory after.
 */
public final class MemoryCutOffStore implements CutOffStore {

    private final Clock clock;
    private final ConcurrentHashMap<String, IssuerCutOffs> issuers = new ConcurrentHashMap<>();

    public MemoryCutOffStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long subjectCutOff(String issuer, TokenKind kind, String subject) {
        IssuerCutOffs table = issuers.get(issuer);
        return table == null ? NONE : inForce(table.subjects[kind.ordinal()].getIfPresent(subject));
    }

    @Override
    public long clientCutOff(String issuer, String clientId) {
        IssuerCutOffs table = issuers.get(issuer);
        return table == null ? NONE : inForce(table.clients.getIfPresent(clientId));
    }

    @Override
    public Mono<Instant> cutOff(CutOffTarget target, Instant cutOff, Instant keptUntil) {
        return Mono.fromSupplier(() -> Instant.ofEpochSecond(
                remember(target, cutOff.getEpochSecond(), keptUntil.toEpochMilli())));
    }

    /**
     * Adds a cut-off at once, the later one of a target winning, and answers the one in force; a
     * replica's copy of a shared set is filled this way.
     */
    long remember(CutOffTarget target, long cutOffEpochSecond, long keptUntilMillis) {
        IssuerCutOffs table = issuers.computeIfAbsent(target.issuer(), issuer -> new IssuerCutOffs(clock));
        Entry entry = new Entry(cutOffEpochSecond, keptUntilMillis);
        if (target instanceof CutOffTarget.Subject subject) {
            return table.subjects[subject.kind().ordinal()].asMap().merge(subject.subject(), entry, Entry::later)
                    .cutOffEpochSecond();
        }
        CutOffTarget.Client client = (CutOffTarget.Client) target;
        return table.clients.asMap().merge(client.clientId(), entry, Entry::later).cutOffEpochSecond();
    }

    /** Entries held (those past their time included until Caffeine frees them); for measurement and tests. */
    long size() {
        long size = 0;
        for (IssuerCutOffs table : issuers.values()) {
            table.clients.cleanUp();
            size += table.clients.estimatedSize();
            for (Cache<String, Entry> subjects : table.subjects) {
                subjects.cleanUp();
                size += subjects.estimatedSize();
            }
        }
        return size;
    }

    private long inForce(Entry entry) {
        return entry == null || entry.keptUntilMillis() < clock.millis() ? NONE : entry.cutOffEpochSecond();
    }

    /** A target's cut-off and the instant it may be forgotten. */
    private record Entry(long cutOffEpochSecond, long keptUntilMillis) {

        static Entry later(Entry a, Entry b) {
            return new Entry(Math.max(a.cutOffEpochSecond, b.cutOffEpochSecond),
                    Math.max(a.keptUntilMillis, b.keptUntilMillis));
        }
    }

    /** The cut-offs of one issuer: by subject per token kind, and by client. */
    private static final class IssuerCutOffs {

        private final Cache<String, Entry>[] subjects;
        private final Cache<String, Entry> clients;

        @SuppressWarnings("unchecked")
        IssuerCutOffs(Clock clock) {
            TokenKind[] kinds = TokenKind.values();
            subjects = new Cache[kinds.length];
            for (int i = 0; i < kinds.length; i++) {
                subjects[i] = entries(clock);
            }
            clients = entries(clock);
        }

        private static Cache<String, Entry> entries(Clock clock) {
            return Caffeine.newBuilder()
                    .expireAfter(Expiry.<String, Entry>writing((key, entry) ->
                            Duration.ofMillis(Math.max(0, entry.keptUntilMillis() - clock.millis()))))
                    .build();
        }
    }
}
