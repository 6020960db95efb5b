package io.tollgate.network;

import io.tollgate.gateway.ClientAddress;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the upstream who the client is: every request the gateway proxies carries {@code
 * X-Forwarded-For} with the client address ({@link ClientAddress}, so already resolved through
 * any trusted proxy in front) and {@code X-Forwarded-Proto} with the scheme the client used. The
 * values are set, not appended: what came in was either read already (from a trusted proxy) or
 * is the client's own word. An issuer pod that trusts the gateway pods' network thus counts the
 * real client in its rate limit and lockouts, not the gateway pod.
 *
 * <p>Spring Cloud Gateway's own {@code XForwardedHeadersFilter} cannot do this: without {@code
 * spring.cloud.gateway.server.webflux.trusted-proxies} it is not installed and every {@code
 * X-Forwarded-*} header is removed instead, and with it (since the fix of CVE-2025-41235) it
 * writes only addresses that match that pattern, so the client itself is never passed on. This
 * filter runs after that removal (its order is 0, this one's 1).
 */
public final class ForwardedHeaders implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = input == exchange.getRequest().getHeaders() ? HttpHeaders.copyOf(input) : input;
        headers.remove("X-Forwarded-For");
        ClientAddress.of(exchange.getRequest()).ifPresent(address -> headers.set("X-Forwarded-For", address));
        headers.set("X-Forwarded-Proto", exchange.getRequest().getURI().getScheme());
        return headers;
    }

    @Override
    public int getOrder() {
        return 1;
    }
}
