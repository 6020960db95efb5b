package io.tollgate.gateway;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Genuin's fixed JSON codes: 4010 missing, 4011 invalid, 4012 expired, 4030 denied, 1099 malformed,
 * 4290 over a rate limit (the brand token endpoint answers that with 412 {@code 5166}, as the brand
 * table says for a lockout), 5030 while the state store is unavailable.
 */
final class GenuinDialect implements ErrorDialect {

    private final Map<Verdict, Rejection> rejections = new EnumMap<>(Verdict.class);

    static GenuinDialect downstream() {
        return new GenuinDialect(genuin(HttpStatus.TOO_MANY_REQUESTS, "4290", "Too many requests."));
    }

    static GenuinDialect brandEndpoint() {
        return new GenuinDialect(genuin(HttpStatus.PRECONDITION_FAILED, "5166", "XXXX-[Invalid Use of API]"));
    }

    private GenuinDialect(Rejection throttled) {
        Rejection invalid = genuin(HttpStatus.UNAUTHORIZED, "4011", "Access token invalid.");
        Rejection denied = genuin(HttpStatus.FORBIDDEN, "4030", "Access denied.");
        for (Verdict verdict : Verdict.values()) {
            rejections.put(verdict, invalid);
        }
        rejections.put(Verdict.MISSING, genuin(HttpStatus.UNAUTHORIZED, "4010", "Access token missing."));
        rejections.put(Verdict.EXPIRED, genuin(HttpStatus.UNAUTHORIZED, "4012", "Access token expired."));
        rejections.put(Verdict.CONFLICT, genuin(HttpStatus.BAD_REQUEST, "1099",
                "An unexpected error occurred processing the request"));
        rejections.put(Verdict.REFUSED_PATH, rejections.get(Verdict.CONFLICT));
        rejections.put(Verdict.WRONG_KIND, denied);
        rejections.put(Verdict.WRONG_SCOPE, denied);
        rejections.put(Verdict.WRONG_AUDIENCE, denied);
        rejections.put(Verdict.THROTTLED, throttled);
        rejections.put(Verdict.UNAVAILABLE,
                genuin(HttpStatus.SERVICE_UNAVAILABLE, "5030", "Service temporarily unavailable."));
    }

    @Override
    public Rejection rejection(Verdict verdict, RoutePolicy policy) {
        return rejections.get(verdict);
    }

    private static Rejection genuin(HttpStatus status, String code, String message) {
        return Rejection.of(status, null, "{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"data\":{}}");
    }
}
