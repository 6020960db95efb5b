package io.tollgate.issuer;

import io.tollgate.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs why an issuer request failed without logging what it carried. A parser's message can quote
 * the input, secret included, so a client's malformed request is logged by exception type only; a
 * failure of Tollgate itself is logged in full, since its messages are Tollgate's own; an
 * unreachable store is logged in one line, since it fails every request alike.
 */
public final class RequestFailures {

    private static final Logger log = LoggerFactory.getLogger(RequestFailures.class);

    private RequestFailures() {}

    public static void log(String dialect, Throwable error) {
        if (error instanceof StoreUnavailableException) {
            log.warn("{} request refused: {}", dialect, error.getMessage());
        } else if (MalformedRequestException.isMalformedInput(error)) {
            log.debug("{} request refused: {}", dialect, error.getClass().getSimpleName());
        } else {
            log.error("{} request failed", dialect, error);
        }
    }
}
