package io.tollgate.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The request an ingress asks forward authentication about, as its headers name it: {@code
 * X-Original-Method} and {@code X-Original-URI} (nginx's {@code auth_request}, ingress-nginx's
 * {@code auth-url}), or else {@code X-Forwarded-Method}, {@code X-Forwarded-Uri} and {@code
 * X-Forwarded-Host} (Traefik's ForwardAuth). The URI is the request target as the client sent it,
 * path and query, raw.
 *
 * <p>Either family must name both the method and the URI, each once; the method must be an HTTP
 * token and the URI an origin-form target ({@code /…}) that parses as a URI, the host (when named)
 * an authority. Anything else names no request ({@link #of} is empty): the check cannot tell which
 * route would serve it, so it refuses rather than guess ({@link ForwardAuthHandler}).
 *
 * @param method the original method
 * @param target the original request target: raw path and query
 * @param host the original {@code Host}, or {@code null} when the ingress does not name it
 */
record OriginalRequest(HttpMethod method, String target, String host) {

    static final String ORIGINAL_METHOD = "X-Original-Method";
    static final String ORIGINAL_URI = "X-Original-URI";
    static final String FORWARDED_METHOD = "X-Forwarded-Method";
    static final String FORWARDED_URI = "X-Forwarded-Uri";
    static final String FORWARDED_HOST = "X-Forwarded-Host";

    /** RFC 9110's token: the characters of a method name. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** The original request the headers name, or empty when they name none, or not unambiguously. */
    static Optional<OriginalRequest> of(HttpHeaders headers) {
        boolean nginx = headers.containsHeader(ORIGINAL_URI) || headers.containsHeader(ORIGINAL_METHOD);
        String method = single(headers, nginx ? ORIGINAL_METHOD : FORWARDED_METHOD);
        String target = single(headers, nginx ? ORIGINAL_URI : FORWARDED_URI);
        List<String> hosts = headers.get(FORWARDED_HOST);
        if (method == null || target == null || !TOKEN.matcher(method).matches() || !target.startsWith("/")
                || hosts != null && hosts.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(new OriginalRequest(HttpMethod.valueOf(method), target, hosts == null ? null : hosts.get(0)));
    }

    private static String single(HttpHeaders headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    /**
     * The check's exchange as the original request: its method, target and host, with every header
     * of the check (the credentials among them) and its client address, so that route predicates,
     * the path firewall and the guard read it as the gateway reads a request it proxies. Empty
     * when the target or the host is not a URI's.
     */
    Optional<ServerWebExchange> applyTo(ServerWebExchange check) {
        ServerHttpRequest request = check.getRequest();
        String authority = host != null ? host : request.getHeaders().getFirst(HttpHeaders.HOST);
        URI uri;
        try {
            uri = new URI(request.getURI().getScheme() + "://" + authority + target);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getRawAuthority() == null || uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(check.mutate()
                .request(original -> original.method(method).uri(uri)
                        .headers(headers -> headers.set(HttpHeaders.HOST, uri.getRawAuthority())))
                .build());
    }
}
