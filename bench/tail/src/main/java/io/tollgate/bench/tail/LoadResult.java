package io.tollgate.bench.tail;

import org.HdrHistogram.Histogram;

/**
 * What an open-loop run measured, in nanoseconds: {@code latency} of every recorded request from
 * its intended start to the last byte of its answer, and {@code sendLag}, how late the generator
 * itself handed each request to the client (large values mean the generator, not the server, fell
 * behind). {@code errors} counts failed exchanges, answers other than 2xx and {@code unfinished}
 * requests, all of which are recorded in {@code latency} too. {@code recordedFromMillis} and
 * {@code recordedToMillis} bound the recorded part in wall-clock time (epoch milliseconds: from the
 * first recorded request's intended start to the end of the run), for matching other logs to it.
 */
public record LoadResult(
        Schedule schedule,
        Histogram latency,
        Histogram sendLag,
        long errors,
        long unfinished,
        long recordedFromMillis,
        long recordedToMillis) {}
