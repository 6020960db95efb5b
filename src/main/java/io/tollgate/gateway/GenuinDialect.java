package io.tollgate.gateway;

import io.tollgate.genuin.GenuinError;
import java.util.EnumMap;
import java.util.Map;

/**
 * The guard's verdicts in the genuin dialect ({@link GenuinError}): 4010 missing, 4011 invalid,
 * 4012 expired, 4030 denied, 1099 malformed, 4290 over a rate limit (the brand token endpoint
 * answers that with 412 {@code 5166}, as the brand table says for a lockout), 5030 while the state
 * store is unavailable.
 */
final class GenuinDialect implements ErrorDialect {

    private final Map<Verdict, Rejection> rejections = new EnumMap<>(Verdict.class);

    static GenuinDialect downstream() {
        return new GenuinDialect(GenuinError.TOO_MANY_REQUESTS);
    }

    static GenuinDialect brandEndpoint() {
        return new GenuinDialect(GenuinError.INVALID_USE);
    }

    private GenuinDialect(GenuinError throttled) {
        for (Verdict verdict : Verdict.values()) {
            rejections.put(verdict, genuin(GenuinError.TOKEN_INVALID));
        }
        rejections.put(Verdict.MISSING, genuin(GenuinError.TOKEN_MISSING));
        rejections.put(Verdict.EXPIRED, genuin(GenuinError.TOKEN_EXPIRED));
        rejections.put(Verdict.CONFLICT, genuin(GenuinError.MALFORMED_REQUEST));
        rejections.put(Verdict.REFUSED_PATH, rejections.get(Verdict.CONFLICT));
        rejections.put(Verdict.WRONG_KIND, genuin(GenuinError.ACCESS_DENIED));
        rejections.put(Verdict.WRONG_SCOPE, genuin(GenuinError.ACCESS_DENIED));
        rejections.put(Verdict.WRONG_AUDIENCE, genuin(GenuinError.ACCESS_DENIED));
        rejections.put(Verdict.THROTTLED, genuin(throttled));
        rejections.put(Verdict.UNAVAILABLE, genuin(GenuinError.UNAVAILABLE));
    }

    @Override
    public Rejection rejection(Verdict verdict, RoutePolicy policy) {
        return rejections.get(verdict);
    }

    private static Rejection genuin(GenuinError error) {
        return Rejection.of(error.status(), error.code(), null, error.body());
    }
}
