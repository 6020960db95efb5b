package io.tollgate.hostile;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every route of {@code config/application.yml}, as the contract in docs/API.md describes it: its
 * path, its methods, the answers it documents, and for a proxied route the part of the upstream's
 * path space it may reach. {@link #routeFor} picks the route for a raw request the way Spring Cloud
 * Gateway's {@code Path} and {@code Method} predicates do (Spring's path patterns, on the raw path),
 * so the suite knows which route admitted a request and which answers it may give.
 */
enum Surface {
    BRAND("/api/thirdparty/auth", Set.of("POST"), Answers.BRAND, null),
    CHANNEL("/generateToken", Set.of("POST"), Answers.CHANNEL, null),
    JWKS("/.well-known/jwks.json", Set.of("GET", "HEAD"), Answers.DOCUMENT, null),
    AUTHORIZE("/platform/oauth/authorize", Set.of("GET"), Answers.PAGE, null),
    LOGIN("/platform/oauth/authorize/login", Set.of("POST"), Answers.PAGE, null),
    CONSENT("/platform/oauth/authorize/consent", Set.of("GET", "POST"), Answers.PAGE, null),
    REQUEST_TOKEN("/platform/oauth/request_token", Set.of("GET", "POST"), Answers.OAUTH, null),
    VALIDATE_TOKEN("/platform/oauth/validate_token", Set.of("GET", "POST"), Answers.OAUTH, null),
    INVALIDATE_TOKEN("/platform/oauth/invalidate_token", Set.of("GET", "POST"), Answers.OAUTH, null),
    INTROSPECT("/platform/oauth/introspect", Set.of("POST"), Answers.OAUTH, null),
    METADATA("/.well-known/oauth-authorization-server", Set.of("GET", "HEAD"), Answers.DOCUMENT, null),
    DEMO_GENUIN("/demo/genuin/**", Set.of(), Answers.GENUIN, "/demo/genuin"),
    DEMO_BEARER("/demo/bearer/**", Set.of(), Answers.BEARER, "/demo/bearer"),
    DEMO_PUBLIC("/demo/public/**", Set.of(), Answers.PUBLIC, "/demo/public"),
    /** No route: Spring's standard error response. */
    UNROUTED(null, Set.of(), Answers.UNROUTED, null);

    /** Paths the generators start from: one per route, and some that no route serves. */
    static final List<String> BASE_PATHS = List.of(
            "/api/thirdparty/auth", "/generateToken", "/.well-known/jwks.json", "/platform/oauth/authorize",
            "/platform/oauth/authorize/login", "/platform/oauth/authorize/consent",
            "/platform/oauth/request_token", "/platform/oauth/validate_token",
            "/platform/oauth/invalidate_token", "/platform/oauth/introspect", "/.well-known/oauth-authorization-server",
            "/demo/genuin/hello", "/demo/bearer/hello", "/demo/public/hello",
            "/", "/nowhere", "/platform/oauth/other", "/actuator/health");

    private final PathPattern pattern;
    private final Set<String> methods;
    final Answers answers;
    /** For a proxied route, the upstream path every request it admits must stay under. */
    final String upstreamPrefix;

    Surface(String pattern, Set<String> methods, Answers answers, String upstreamPrefix) {
        this.pattern = pattern == null ? null : PathPatternParser.defaultInstance.parse(pattern);
        this.methods = methods;
        this.answers = answers;
        this.upstreamPrefix = upstreamPrefix;
    }

    /** The route that serves {@code method} on {@code rawPath}, in the order the gateway tries them. */
    static Surface routeFor(String method, String rawPath) {
        Optional<PathContainer> path = parse(rawPath);
        for (Surface route : values()) {
            if (route.pattern != null && path.isPresent() && route.pattern.matches(path.get())
                    && (route.methods.isEmpty() || route.methods.contains(method))) {
                return route;
            }
        }
        return UNROUTED;
    }

    private static Optional<PathContainer> parse(String rawPath) {
        try {
            return Optional.of(PathContainer.parsePath(rawPath));
        } catch (IllegalArgumentException notAPath) {
            return Optional.empty();
        }
    }
}
