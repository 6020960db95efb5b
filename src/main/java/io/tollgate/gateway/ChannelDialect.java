package io.tollgate.gateway;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The channel token endpoint's plain-text answers, for what the gateway refuses before the
 * endpoint sees the request: 429 {@code too many requests} over a rate limit, 503 {@code service
 * unavailable}. The endpoint takes no token, so the token verdicts read as a bad request.
 */
final class ChannelDialect implements ErrorDialect {

    private final Map<Verdict, Rejection> rejections = new EnumMap<>(Verdict.class);

    ChannelDialect() {
        Rejection badRequest = Rejection.text(HttpStatus.BAD_REQUEST, "invalid request");
        for (Verdict verdict : Verdict.values()) {
            rejections.put(verdict, badRequest);
        }
        rejections.put(Verdict.THROTTLED, Rejection.text(HttpStatus.TOO_MANY_REQUESTS, "too many requests"));
        rejections.put(Verdict.UNAVAILABLE, Rejection.text(HttpStatus.SERVICE_UNAVAILABLE, "service unavailable"));
    }

    @Override
    public Rejection rejection(Verdict verdict, RoutePolicy policy) {
        return rejections.get(verdict);
    }
}
