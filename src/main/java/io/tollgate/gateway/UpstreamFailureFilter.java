package io.tollgate.gateway;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Answers 502 Bad Gateway when a route's upstream cannot be reached: the connection refused or
 * timed out, its host unknown or unroutable, or the connection closed before a response came.
 * Spring Cloud Gateway lets these errors through to the error handler, which answers 500 Internal
 * Server Error: to an operator's alerts and a client's retry logic that reads as a fault of the
 * gateway, where every other proxy (nginx, Envoy, HAProxy) says 502, the upstream's fault. The
 * body stays Spring Boot's standard error response, without a message or a stack trace. A
 * response timeout the operator configures ({@code httpclient.response-timeout}) is already
 * answered 504 by the gateway itself, and an error after the upstream's response has begun
 * cannot change its status: neither is touched.
 *
 * <p>It wraps the routing filter alone (the order just before it), so that only the call to the
 * upstream is judged, not a failure of Tollgate's own filters earlier in the chain.
 */
public final class UpstreamFailureFilter implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorMap(UpstreamFailureFilter::unreachable,
                failure -> new ResponseStatusException(HttpStatus.BAD_GATEWAY, null, failure));
    }

    /** A failure to reach the upstream or to get its response started ({@code ConnectTimeoutException} is a {@link ConnectException}). */
    static boolean unreachable(Throwable failure) {
        return failure instanceof ConnectException
                || failure instanceof NoRouteToHostException
                || failure instanceof UnknownHostException
                || failure instanceof PrematureCloseException;
    }

    @Override
    public int getOrder() {
        return NettyRoutingFilter.ORDER - 1;
    }
}
