package io.tollgate.gateway;

import io.tollgate.channel.ChannelError;
import java.util.EnumMap;
import java.util.Map;

/**
 * The channel token endpoint's plain-text answers ({@link ChannelError}), for what the gateway
 * refuses before the endpoint sees the request: 429 {@code too many requests} over a rate limit,
 * 503 {@code service unavailable}. The endpoint takes no token, so the token verdicts read as a
 * bad request.
 */
final class ChannelDialect implements ErrorDialect {

    private final Map<Verdict, Rejection> rejections = new EnumMap<>(Verdict.class);

    ChannelDialect() {
        for (Verdict verdict : Verdict.values()) {
            rejections.put(verdict, channel(ChannelError.BAD_REQUEST));
        }
        rejections.put(Verdict.THROTTLED, channel(ChannelError.TOO_MANY_REQUESTS));
        rejections.put(Verdict.UNAVAILABLE, channel(ChannelError.UNAVAILABLE));
    }

    @Override
    public Rejection rejection(Verdict verdict, RoutePolicy policy) {
        return rejections.get(verdict);
    }

    private static Rejection channel(ChannelError error) {
        return Rejection.text(error.status(), error.body());
    }
}
