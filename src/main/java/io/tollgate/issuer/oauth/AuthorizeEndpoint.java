package io.tollgate.issuer.oauth;

import io.micrometer.core.instrument.Counter;
import io.tollgate.credentials.Authentication;
import io.tollgate.issuer.IssuedToken;
import io.tollgate.observability.IssuerMeters;
import io.tollgate.store.AuthorizationCodeStore;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The authorization pages: {@code GET /platform/oauth/authorize} checks the request and shows the
 * login page (or, for a signed-in session, the consent page); {@code POST …/authorize/login}
 * signs the user in; {@code GET|POST …/authorize/consent} asks for and records the decision, and
 * sends the browser back to the client with {@code 303 See Other}.
 */
final class AuthorizeEndpoint {

    static final String LOGIN_PATH = "/platform/oauth/authorize/login";
    static final String CONSENT_PATH = "/platform/oauth/authorize/consent";

    private final AuthorizeRequestParser parser;
    private final UserSignIn signIn;
    private final AuthorizationCodeStore<CodeGrant> codes;
    private final OAuthTokens tokens;
    private final Duration codeLifetime;
    private final Counter implicitIssued;

    AuthorizeEndpoint(
            AuthorizeRequestParser parser,
            UserSignIn signIn,
            AuthorizationCodeStore<CodeGrant> codes,
            OAuthTokens tokens,
            Duration codeLifetime,
            IssuerMeters meters) {
        this.parser = parser;
        this.signIn = signIn;
        this.codes = codes;
        this.tokens = tokens;
        this.codeLifetime = codeLifetime;
        this.implicitIssued = meters.issued("implicit");
    }

    Mono<ServerResponse> start(ServerRequest request) {
        if (!HttpMethod.GET.equals(request.method())) {
            return Pages.error(HttpStatus.METHOD_NOT_ALLOWED, "Open this page from the application.");
        }
        AuthorizationRequest authorization;
        try {
            authorization = parser.parse(request.queryParams());
        } catch (AuthorizeRequestParser.Refusal refusal) {
            return refusal.problem().redirect()
                    ? seeOther(refusal.redirect())
                    : Pages.error(HttpStatus.BAD_REQUEST, refusal.problem().description());
        }
        return request.session().flatMap(webSession -> {
            PageSession session = new PageSession(webSession);
            session.begin(authorization);
            return session.user() == null
                    ? Pages.login(HttpStatus.OK, authorization, session.csrfToken(), null)
                    : Pages.consent(authorization, session.user(), session.csrfToken());
        });
    }

    Mono<ServerResponse> login(ServerRequest request) {
        if (!HttpMethod.POST.equals(request.method())) {
            return Pages.error(HttpStatus.METHOD_NOT_ALLOWED, "Open this page from the application.");
        }
        return Mono.zip(request.session(), request.formData()).flatMap(both -> {
            PageSession session = new PageSession(both.getT1());
            MultiValueMap<String, String> form = both.getT2();
            AuthorizationRequest authorization = session.request(form.getFirst("_csrf"));
            if (authorization == null) {
                return Pages.expired();
            }
            return signIn.signIn(form.getFirst("username"), form.getFirst("password")).flatMap(result -> {
                if (result.outcome() == Authentication.Outcome.AUTHENTICATED) {
                    return session.signIn(result.principal().username()).then(seeOther(URI.create(CONSENT_PATH)));
                }
                return result.outcome() == Authentication.Outcome.LOCKED
                        ? Pages.login(HttpStatus.TOO_MANY_REQUESTS, authorization, session.csrfToken(),
                                "Too many failed sign-ins. Try again later.")
                        : Pages.login(HttpStatus.UNAUTHORIZED, authorization, session.csrfToken(),
                                "Wrong username or password.");
            });
        });
    }

    Mono<ServerResponse> consent(ServerRequest request) {
        if (HttpMethod.GET.equals(request.method())) {
            return request.session().flatMap(webSession -> {
                PageSession session = new PageSession(webSession);
                AuthorizationRequest authorization = session.request();
                return authorization == null || session.user() == null
                        ? Pages.expired()
                        : Pages.consent(authorization, session.user(), session.csrfToken());
            });
        }
        if (!HttpMethod.POST.equals(request.method())) {
            return Pages.error(HttpStatus.METHOD_NOT_ALLOWED, "Open this page from the application.");
        }
        return Mono.zip(request.session(), request.formData()).flatMap(both -> {
            PageSession session = new PageSession(both.getT1());
            AuthorizationRequest authorization = session.request(both.getT2().getFirst("_csrf"));
            String user = session.user();
            if (authorization == null || user == null) {
                return Pages.expired();
            }
            session.finish();
            return "allow".equals(both.getT2().getFirst("decision"))
                    ? allow(authorization, user).flatMap(AuthorizeEndpoint::seeOther)
                    : seeOther(Redirects.toClient(authorization.redirectUri(), authorization.implicit(),
                            denial(), authorization.state()));
        });
    }

    private Mono<URI> allow(AuthorizationRequest authorization, String user) {
        String familyId = SecureTokens.random();
        if (authorization.implicit()) {
            return tokens.forUser(authorization.clientId(), user, authorization.scopes(), familyId).map(token -> {
                implicitIssued.increment();
                return Redirects.toClient(authorization.redirectUri(), true, implicit(token), authorization.state());
            });
        }
        String code = SecureTokens.random();
        CodeGrant grant = new CodeGrant(authorization.clientId(), authorization.redirectUri(), user,
                authorization.scopes(), authorization.codeChallenge(), familyId);
        return codes.save(SecureTokens.digest(code), grant, codeLifetime)
                .thenReturn(Redirects.toClient(authorization.redirectUri(), false,
                        ordered("code", code, "expires_in", String.valueOf(codeLifetime.toSeconds())),
                        authorization.state()));
    }

    private static Map<String, String> implicit(IssuedToken token) {
        return ordered("access_token", token.value(), "token_type", "bearer",
                "expires_in", String.valueOf(token.expiresIn()));
    }

    /** Geni's answer when the user cancels. */
    private static Map<String, String> denial() {
        return ordered("error", "access_denied", "status", "unauthorized", "message", "user canceled");
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static Mono<ServerResponse> seeOther(URI location) {
        return ServerResponse.status(HttpStatus.SEE_OTHER).location(location).cacheControl(CacheControl.noStore())
                .build();
    }
}
