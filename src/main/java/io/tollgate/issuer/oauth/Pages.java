package io.tollgate.issuer.oauth;

import io.tollgate.credentials.Credentials;
import java.util.Arrays;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The server-rendered pages (Thymeleaf templates under {@code templates/oauth/}, or an operator's
 * from {@code tollgate.pages.templates-dir}), with headers that keep them out of caches and frames:
 * only the {@code iframe} display may be framed, and only by the client's own origin. Forms may
 * post to Tollgate and redirect to the client, nowhere else; the one stylesheet comes from Tollgate
 * ({@link PageStylesheet}) and the one image, the client's logo, from that logo's source.
 */
final class Pages {

    private Pages() {}

    static Mono<ServerResponse> login(HttpStatus status, AuthorizationRequest request, Credentials credentials,
            String csrf, String error, ResponseCookie... cookies) {
        PageClient client = PageClient.of(credentials.client(request.clientId()), request.clientId());
        return page(status, request, client, cookies, "oauth/login", Map.of(
                "display", request.display(),
                "client", client,
                "csrf", csrf,
                "action", AuthorizeEndpoint.LOGIN_PATH,
                "error", error == null ? "" : error));
    }

    static Mono<ServerResponse> consent(
            AuthorizationRequest request, Credentials credentials, String user, String csrf) {
        PageClient client = PageClient.of(credentials.client(request.clientId()), request.clientId());
        return page(HttpStatus.OK, request, client, new ResponseCookie[0], "oauth/consent", Map.of(
                "display", request.display(),
                "client", client,
                "user", user,
                "scopes", request.scopes().stream().sorted()
                        .map(scope -> new ConsentScope(scope, credentials.scope(scope))).toList(),
                "csrf", csrf,
                "action", AuthorizeEndpoint.CONSENT_PATH));
    }

    /** The state store is unreachable: nothing on these pages can be done now. */
    static Mono<ServerResponse> unavailable() {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "page.error.unavailable");
    }

    /** The error page saying the sentence of {@code messageKey} ({@code messages/pages.properties}). */
    static Mono<ServerResponse> error(HttpStatus status, String messageKey) {
        return error(status, messageKey, "web");
    }

    /** The same in a request's {@code display} layout (never framed: the client is not trusted yet). */
    static Mono<ServerResponse> error(HttpStatus status, String messageKey, String display) {
        return ServerResponse.status(status)
                .cacheControl(CacheControl.noStore())
                .headers(headers -> {
                    headers.set("Content-Security-Policy",
                            "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'");
                    headers.set("X-Frame-Options", "DENY");
                    headers.set("Referrer-Policy", "no-referrer");
                    headers.set("X-Content-Type-Options", "nosniff");
                })
                .render("oauth/error", Map.of("display", display, "message", messageKey));
    }

    static Mono<ServerResponse> expired() {
        return error(HttpStatus.BAD_REQUEST, "page.error.expired");
    }

    private static Mono<ServerResponse> page(HttpStatus status, AuthorizationRequest request, PageClient shown,
            ResponseCookie[] cookies, String template, Map<String, Object> model) {
        String client = Redirects.origin(request.redirectUri());
        String images = shown.logoSource() == null ? "" : "img-src " + shown.logoSource() + "; ";
        boolean framed = "iframe".equals(request.display());
        return ServerResponse.status(status)
                .cacheControl(CacheControl.noStore())
                .headers(headers -> {
                    headers.set("Content-Security-Policy", "default-src 'none'; style-src 'self'; " + images
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
