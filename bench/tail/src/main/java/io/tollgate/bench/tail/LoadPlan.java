package io.tollgate.bench.tail;

import java.time.Duration;
import java.util.List;

/**
 * One open-loop run: GET {@code path} on {@code baseUrl} at {@code rate} requests per second for
 * {@code warmup} (not recorded) then {@code duration} (recorded), over at most {@code connections}
 * connections; each request carries {@code header} with the next of {@code headerValues} in turn
 * (none when the list is empty). Requests still unanswered {@code drain} after the last one was due
 * are counted as errors and recorded with the latency they had reached by then.
 */
public record LoadPlan(
        String baseUrl,
        String path,
        String header,
        List<String> headerValues,
        int rate,
        Duration warmup,
        Duration duration,
        int connections,
        Duration drain) {

    public LoadPlan {
        headerValues = List.copyOf(headerValues);
        if (!headerValues.isEmpty() && (header == null || header.isEmpty())) {
            throw new IllegalArgumentException("header values need a header name");
        }
        if (connections <= 0) {
            throw new IllegalArgumentException("connections must be positive: " + connections);
        }
    }
}
