package io.tollgate.gateway;

import io.tollgate.validation.AccessToken;
import java.util.List;
import java.util.Locale;
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
        return spoofed(exchange.getRequest().getHeaders()).isEmpty()
                ? exchange
                : exchange.mutate().request(request -> request.headers(IdentityRelay::strip)).build();
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

    private static void strip(HttpHeaders headers) {
        spoofed(headers).forEach(headers::remove);
    }

    private static List<String> spoofed(HttpHeaders headers) {
        return headers.headerNames().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(PREFIX))
                .toList();
    }
}
