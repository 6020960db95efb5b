package io.tollgate.gateway;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * RFC 6750: a bare {@code Bearer realm} challenge when no token was sent, {@code invalid_token}
 * (401) for a token that is not valid or not meant for this resource, {@code insufficient_scope}
 * (403, naming the route's scopes) for a valid token that lacks the privilege, {@code
 * invalid_request} (400) for ambiguous credentials and for a path the firewall refuses. The body repeats the error as JSON. Over a rate
 * limit, 429 {@code too_many_requests}; while the state store is down, 503 {@code
 * temporarily_unavailable} (RFC 6749's name for it); neither is a fault of the token, so neither
 * carries a challenge.
 */
final class BearerDialect implements ErrorDialect {

    static final String REALM = "Bearer realm=\"tollgate\"";

    private final Map<Verdict, Rejection> rejections = new EnumMap<>(Verdict.class);

    BearerDialect() {
        Rejection invalid = challenge(HttpStatus.UNAUTHORIZED, "invalid_token", "The access token is invalid", null);
        for (Verdict verdict : Verdict.values()) {
            rejections.put(verdict, invalid);
        }
        rejections.put(Verdict.MISSING, plain(HttpStatus.UNAUTHORIZED, REALM, "unauthorized",
                "An access token is required"));
        rejections.put(Verdict.EXPIRED,
                challenge(HttpStatus.UNAUTHORIZED, "invalid_token", "The access token expired", null));
        rejections.put(Verdict.WRONG_AUDIENCE, challenge(HttpStatus.UNAUTHORIZED, "invalid_token",
                "The access token is not meant for this resource", null));
        rejections.put(Verdict.CONFLICT,
                challenge(HttpStatus.BAD_REQUEST, "invalid_request", "Ambiguous credentials", null));
        rejections.put(Verdict.REFUSED_PATH, plain(HttpStatus.BAD_REQUEST, null, "invalid_request",
                "The request path is not accepted"));
        rejections.put(Verdict.THROTTLED, plain(HttpStatus.TOO_MANY_REQUESTS, null, "too_many_requests",
                "Rate limit exceeded"));
        rejections.put(Verdict.UNAVAILABLE, plain(HttpStatus.SERVICE_UNAVAILABLE, null, "temporarily_unavailable",
                "The service is temporarily unavailable"));
    }

    @Override
    public Rejection rejection(Verdict verdict, RoutePolicy policy) {
        return switch (verdict) {
            case WRONG_SCOPE -> challenge(HttpStatus.FORBIDDEN, "insufficient_scope",
                    "The access token lacks a required scope", policy.scopeString());
            case WRONG_KIND -> challenge(HttpStatus.FORBIDDEN, "insufficient_scope",
                    "The access token's kind is not accepted here", policy.scopeString());
            default -> rejections.get(verdict);
        };
    }

    private static Rejection challenge(HttpStatus status, String error, String description, String scope) {
        String challenge = REALM + ", error=\"" + error + "\", error_description=\"" + description + "\""
                + (scope == null || scope.isEmpty() ? "" : ", scope=\"" + scope + "\"");
        return Rejection.of(status, error, challenge, body(error, description));
    }

    private static Rejection plain(HttpStatus status, String challenge, String error, String description) {
        return Rejection.of(status, error, challenge, body(error, description));
    }

    private static String body(String error, String description) {
        return "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
    }
}
