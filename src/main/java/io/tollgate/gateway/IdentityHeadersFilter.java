package io.tollgate.gateway;

import io.tollgate.token.AccessToken;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the admitted caller's identity ({@link IdentityRelay}) into the headers of the request
 * Spring Cloud Gateway sends upstream, over HTTP or a WebSocket, and removes any other {@code
 * X-Auth-*} header there, so that not even a route filter can forge one.
 *
 * <p>It runs last among the headers filters. The earlier ones (hop-by-hop removal, {@code
 * X-Forwarded-*}) have built the upstream request's own copy of the headers by then, so the
 * identity goes into that copy; only if no filter made one is the request's read-only header set
 * copied here. Either way the exchange itself is not mutated, which is what made relaying the
 * identity the largest cost of a guarded request (docs/BENCHMARKS.md).
 */
public final class IdentityHeadersFilter implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        AccessToken caller = exchange.getAttribute(TokenGuardFilter.CALLER_ATTRIBUTE);
        if (caller == null && !IdentityRelay.hasIdentityHeader(input)) {
            return input;
        }
        HttpHeaders headers = input == exchange.getRequest().getHeaders() ? HttpHeaders.copyOf(input) : input;
        if (caller == null) {
            IdentityRelay.strip(headers);
        } else {
            IdentityRelay.write(headers, caller);
        }
        return headers;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
