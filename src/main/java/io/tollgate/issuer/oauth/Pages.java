package io.tollgate.issuer.oauth;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The server-rendered pages (Thymeleaf templates under {@code templates/oauth/}), with headers
 * that keep them out of caches and frames: only the {@code iframe} display may be framed, and only
 * by the client's own origin. Forms may post to Tollgate and redirect to the client, nowhere else.
 */
final class Pages {

    private Pages() {}

    static Mono<ServerResponse> login(
            HttpStatus status, AuthorizationRequest request, String csrf, String error, ResponseCookie... cookies) {
        return page(status, request, cookies, "oauth/login", Map.of(
                "display", request.display(),
                "clientId", request.clientId(),
                "csrf", csrf,
                "action", AuthorizeEndpoint.LOGIN_PATH,
                "error", error == null ? "" : error));
    }

    static Mono<ServerResponse> consent(AuthorizationRequest request, String user, String csrf) {
        return page(HttpStatus.OK, request, new ResponseCookie[0], "oauth/consent", Map.of(
                "display", request.display(),
                "clientId", request.clientId(),
                "user", user,
                "scopes", List.copyOf(request.scopes().stream().sorted().toList()),
                "csrf", csrf,
                "action", AuthorizeEndpoint.CONSENT_PATH));
    }

    /** The state store is unreachable: nothing on these pages can be done now. */
    static Mono<ServerResponse> unavailable() {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "Sign-in is unavailable right now. Try again in a moment.");
    }

    static Mono<ServerResponse> error(HttpStatus status, String message) {
        return ServerResponse.status(status)
                .cacheControl(CacheControl.noStore())
                .headers(headers -> {
                    headers.set("Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
                    headers.set("X-Frame-Options", "DENY");
                    headers.set("Referrer-Policy", "no-referrer");
                    headers.set("X-Content-Type-Options", "nosniff");
                })
                .render("oauth/error", Map.of("display", "web", "message", message));
    }

    static Mono<ServerResponse> expired() {
        return error(HttpStatus.BAD_REQUEST, "This sign-in page has expired. Start again from the application.");
    }

    private static Mono<ServerResponse> page(HttpStatus status, AuthorizationRequest request,
            ResponseCookie[] cookies, String template, Map<String, Object> model) {
        String client = Redirects.origin(request.redirectUri());
        boolean framed = "iframe".equals(request.display());
        return ServerResponse.status(status)
                .cacheControl(CacheControl.noStore())
                .headers(headers -> {
                    headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                            + "form-action 'self' " + client + "; frame-ancestors " + (framed ? client : "'none'")
                            + "; base-uri 'none'");
                    if (!framed) {
                        headers.set("X-Frame-Options", "DENY");
                    }
                    headers.set("Referrer-Policy", "no-referrer");
                    headers.set("X-Content-Type-Options", "nosniff");
                })
                .cookies(all -> Arrays.stream(cookies).forEach(cookie -> all.add(cookie.getName(), cookie)))
                .render(template, model);
    }
}
