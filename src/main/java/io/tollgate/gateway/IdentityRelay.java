package io.tollgate.gateway;

import io.tollgate.validation.AccessToken;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Step 4 of the guard: the upstream learns who called from {@code X-Auth-*} headers that only the
 * gateway sets. Any {@code X-Auth-*} header a client sent is removed first, on every route, so
 * an upstream can trust them.
 */
final class IdentityRelay {

    static final String PREFIX = "x-auth-";
    static final String SUBJECT = "X-Auth-Subject";
    static final String KIND = "X-Auth-Kind";
    static final String CLIENT = "X-Auth-Client";
    static final String SCOPES = "X-Auth-Scopes";

    private IdentityRelay() {}

    /** The exchange with client-sent identity headers removed and none set. */
    static ServerWebExchange anonymous(ServerWebExchange exchange) {
        return hasSpoofed(exchange.getRequest().getHeaders())
                ? exchange.mutate().request(request -> request.headers(IdentityRelay::strip)).build()
                : exchange;
    }

    /** The exchange with client-sent identity headers replaced by the token's. */
    static ServerWebExchange identified(ServerWebExchange exchange, AccessToken token) {
        return exchange.mutate()
                .request(request -> request.headers(headers -> {
                    strip(headers);
                    headers.set(SUBJECT, token.subject());
                    headers.set(KIND, token.kind().claimValue());
                    if (!token.clientId().isEmpty()) {
                        headers.set(CLIENT, token.clientId());
                    }
                    headers.set(SCOPES, token.scopeString());
                }))
                .build();
    }

    /**
     * Runs on every request of every route, so it looks at the header names in place: no stream,
     * no lower-cased copy of each name, no list unless a client did send an identity header
     * (measured in {@code GuardBenchmark}: the stream version cost 0.7 µs on an open route).
     */
    private static void strip(HttpHeaders headers) {
        List<String> spoofed = null;
        for (String name : headers.headerNames()) {
            if (isIdentityHeader(name)) {
                if (spoofed == null) {
                    spoofed = new ArrayList<>(4);
                }
                spoofed.add(name);
            }
        }
        if (spoofed != null) {
            spoofed.forEach(headers::remove);
        }
    }

    private static boolean hasSpoofed(HttpHeaders headers) {
        for (String name : headers.headerNames()) {
            if (isIdentityHeader(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIdentityHeader(String name) {
        return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }
}
