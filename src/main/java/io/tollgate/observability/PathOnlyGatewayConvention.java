package io.tollgate.observability;

import io.micrometer.common.KeyValues;
import org.springframework.cloud.gateway.filter.headers.observation.DefaultGatewayObservationConvention;
import org.springframework.cloud.gateway.filter.headers.observation.GatewayContext;

/**
 * Spring Cloud Gateway's span for the call upstream, with the request's path as {@code http.uri}
 * instead of its whole URI: a query string can carry credentials (the OAuth token endpoint takes
 * {@code client_secret} and {@code password} as query parameters, which a split gateway forwards
 * to the issuer), and no span may hold one.
 */
final class PathOnlyGatewayConvention extends DefaultGatewayObservationConvention {

    /** The key Spring Cloud Gateway's default convention writes the URI under. */
    static final String URI = "http.uri";

    @Override
    public KeyValues getHighCardinalityKeyValues(GatewayContext context) {
        return KeyValues.of(URI, context.getRequest().getURI().getRawPath());
    }
}
