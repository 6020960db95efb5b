package io.tollgate.store;

import io.tollgate.revocation.CutOffTarget;
import io.tollgate.token.TokenKind;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Cut-offs by subject or client ({@link CutOffTarget}): one entry per target, holding its latest
 * cut-off, kept until the instant the writer names (after which the cut-off ends no token that
 * could still be accepted) and then forgotten, so memory is bounded by the number of targets cut
 * off within one longest token lifetime.
 *
 * <p>The lookups sit on the request path of every cache hit, so they answer from local memory,
 * without I/O or allocation; an adapter that shares cut-offs across replicas keeps a local copy up
 * to date, as {@link RevocationStore} does.
 */
public interface CutOffStore {

    /** The answer of a lookup that finds no cut-off: earlier than every {@code iat}. */
    long NONE = Long.MIN_VALUE;

    /**
     * The cut-off in force for the tokens of {@code subject} of {@code kind} issued by {@code
     * issuer}, in epoch seconds, or {@link #NONE}. From memory.
     */
    long subjectCutOff(String issuer, TokenKind kind, String subject);

    /** The cut-off in force for the OAuth tokens of client {@code clientId} of {@code issuer}, or {@link #NONE}. */
    long clientCutOff(String issuer, String clientId);

    /**
     * Stores a cut-off of {@code target} (a whole second) until {@code keptUntil}, in one write; an
     * earlier cut-off of the target gives way, a later one stays. Emits the cut-off in force once
     * stored (and, shared, announced to every replica); fails with {@link
     * StoreUnavailableException} when the store cannot be reached.
     */
    Mono<Instant> cutOff(CutOffTarget target, Instant cutOff, Instant keptUntil);
}
