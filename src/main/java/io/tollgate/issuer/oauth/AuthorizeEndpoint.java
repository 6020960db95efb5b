package io.tollgate.issuer.oauth;

import io.tollgate.audit.Claimant;
import io.tollgate.credentials.Authentication;
import io.tollgate.credentials.CredentialsSource;
import io.tollgate.credentials.User;
import io.tollgate.gateway.ClientAddress;
import io.tollgate.issuer.FormBody;
import io.tollgate.issuer.IssuedToken;
import io.tollgate.observability.IssuanceRefusal;
import io.tollgate.observability.IssuedTokens;
import io.tollgate.observability.IssuerMeters;
import io.tollgate.store.AuthorizationCodeStore;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The authorization pages: {@code GET /platform/oauth/authorize} checks the request and shows the
 * login page (or, for a signed-in browser, the consent page); {@code POST …/authorize/login} signs
 * the user in and sends the browser back to authorize; {@code POST …/authorize/consent} records the
 * decision and sends the browser back to the client with {@code 303 See Other}.
 *
 * <p>Nothing is kept on the server between the pages ({@link PageSessions}): an anonymous visit
 * costs a page and holds no memory, so no number of them can crowd out a person signing in. The
 * request is checked again whenever a form brings it back, and a signed-in session counts only
 * while its person is still provisioned and active in the credentials in force: a person suspended
 * or removed by a reload is sent back to the sign-in, where they are refused.
 *
 * <p>Each refusal is counted and audited like the token endpoint's ({@link IssuanceRefusal}): a
 * refused authorize request under its OAuth error, naming the client if it names a registered one;
 * a failed sign-in as {@code login_failed} ({@code login_locked} while locked out), naming the
 * person only if the username names one; a denied consent as {@code access_denied}, naming the
 * client.
 */
final class AuthorizeEndpoint {

    static final String AUTHORIZE_PATH = "/platform/oauth/authorize";
    static final String LOGIN_PATH = "/platform/oauth/authorize/login";
    static final String CONSENT_PATH = "/platform/oauth/authorize/consent";

    private final AuthorizeRequestParser parser;
    private final PageSessions sessions;
    private final UserSignIn signIn;
    private final CredentialsSource people;
    private final AuthorizationCodeStore<CodeGrant> codes;
    private final OAuthTokens tokens;
    private final Duration codeLifetime;
    private final Clock clock;
    private final IssuedTokens implicitIssued;
    private final IssuerMeters meters;
    private final Map<String, IssuanceRefusal> refused = new ConcurrentHashMap<>();
    private final IssuanceRefusal loginFailed;
    private final IssuanceRefusal loginLocked;
    private final IssuanceRefusal accessDenied;

    AuthorizeEndpoint(
            AuthorizeRequestParser parser,
            PageSessions sessions,
            UserSignIn signIn,
            CredentialsSource people,
            AuthorizationCodeStore<CodeGrant> codes,
            OAuthTokens tokens,
            Duration codeLifetime,
            IssuerMeters meters,
            Clock clock) {
        this.parser = parser;
        this.sessions = sessions;
        this.signIn = signIn;
        this.people = people;
        this.codes = codes;
        this.tokens = tokens;
        this.codeLifetime = codeLifetime;
        this.implicitIssued = meters.issued("implicit");
        this.meters = meters;
        this.loginFailed = meters.rejection("login_failed");
        this.loginLocked = meters.rejection("login_locked");
        this.accessDenied = meters.rejection("access_denied");
        this.clock = clock;
    }

    Mono<ServerResponse> start(ServerRequest request) {
        if (!HttpMethod.GET.equals(request.method())) {
            return notHere();
        }
        return checked(request, request.queryParams(), authorization -> {
            PageSession session = sessions.read(request);
            if (isSignedInActive(session)) {
                return Pages.consent(authorization, people.current(), session.user(),
                        sessions.form(PageSessions.CONSENT, session, authorization));
            }
            PageSession anonymous = session == null || session.isSignedIn() ? PageSession.anonymous() : session;
            return Pages.login(HttpStatus.OK, authorization, people.current(),
                    sessions.form(PageSessions.LOGIN, anonymous, authorization), null, sessions.cookie(anonymous, request));
        });
    }

    Mono<ServerResponse> login(ServerRequest request) {
        if (!HttpMethod.POST.equals(request.method())) {
            return notHere();
        }
        PageSession session = sessions.read(request);
        return FormBody.read(request).flatMap(form -> {
            String csrf = form.getFirst("_csrf");
            MultiValueMap<String, String> pending = sessions.pending(PageSessions.LOGIN, session, csrf);
            if (pending == null) {
                return Pages.expired();
            }
            String username = form.getFirst("username");
            return checked(request, pending, authorization -> signIn.signIn(username, form.getFirst("password"))
                    .flatMap(result -> {
                        if (result.outcome() == Authentication.Outcome.AUTHENTICATED) {
                            PageSession signedIn = PageSession.signedIn(result.principal().username());
                            return seeOther(authorizeAgain(authorization), sessions.cookie(signedIn, request));
                        }
                        boolean locked = result.outcome() == Authentication.Outcome.LOCKED;
                        (locked ? loginLocked : loginFailed).record(signIn.claimant(username), addressOf(request));
                        return locked
                                ? Pages.login(HttpStatus.TOO_MANY_REQUESTS, authorization, people.current(), csrf,
                                        "page.login.locked")
                                : Pages.login(HttpStatus.UNAUTHORIZED, authorization, people.current(), csrf,
                                        "page.login.failed");
                    }));
        });
    }

    Mono<ServerResponse> consent(ServerRequest request) {
        if (!HttpMethod.POST.equals(request.method())) {
            return notHere();
        }
        PageSession session = sessions.read(request);
        return FormBody.read(request).flatMap(form -> {
            MultiValueMap<String, String> pending = isSignedInActive(session)
                    ? sessions.pending(PageSessions.CONSENT, session, form.getFirst("_csrf"))
                    : null;
            if (pending == null) {
                return Pages.expired();
            }
            return checked(request, pending, authorization -> {
                if ("allow".equals(form.getFirst("decision"))) {
                    return allow(authorization, session.user()).flatMap(location -> seeOther(location));
                }
                accessDenied.record(new Claimant("client", authorization.clientId()), addressOf(request));
                return seeOther(Redirects.toClient(authorization.redirectUri(), authorization.implicit(), denial(),
                        authorization.state()));
            });
        });
    }

    /** Whether the session is signed in by a person the credentials in force still let sign in. */
    private boolean isSignedInActive(PageSession session) {
        if (session == null || !session.isSignedIn()) {
            return false;
        }
        User user = people.current().user(session.user());
        return user != null && user.isActive();
    }

    /** The page for {@code parameters} if they make a valid request; the refusal's page or redirect otherwise. */
    private Mono<ServerResponse> checked(ServerRequest request, MultiValueMap<String, String> parameters,
            Function<AuthorizationRequest, Mono<ServerResponse>> page) {
        AuthorizationRequest authorization;
        try {
            authorization = parser.parse(parameters);
        } catch (AuthorizeRequestParser.Refusal refusal) {
            refused.computeIfAbsent(refusal.problem().error(), meters::rejection)
                    .record(parser.claimant(parameters), addressOf(request));
            return refusal.problem().redirect()
                    ? seeOther(refusal.redirect())
                    : Pages.error(HttpStatus.BAD_REQUEST, refusal.problem().description(),
                            AuthorizeRequestParser.display(parameters));
        }
        if (authorization.uiLocales() != null) {
            request.exchange().getAttributes().put(PageLocales.UI_LOCALES, authorization.uiLocales());
        }
        return page.apply(authorization);
    }

    private static String addressOf(ServerRequest request) {
        return ClientAddress.of(request.exchange().getRequest()).orElse(ClientAddress.UNKNOWN);
    }

    private static Mono<ServerResponse> notHere() {
        return Pages.error(HttpStatus.METHOD_NOT_ALLOWED, "page.error.not-here");
    }

    /** Authorize once more with the same request: a signed-in browser gets the consent page there. */
    private static URI authorizeAgain(AuthorizationRequest authorization) {
        StringJoiner query = new StringJoiner("&");
        authorization.parameters().forEach((name, value) ->
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return URI.create(AUTHORIZE_PATH + "?" + query);
    }

    private Mono<URI> allow(AuthorizationRequest authorization, String user) {
        String familyId = SecureTokens.random();
        if (authorization.implicit()) {
            return tokens.forUser(authorization.clientId(), user, authorization.scopes(), familyId).map(token -> {
                implicitIssued.record();
                return Redirects.toClient(authorization.redirectUri(), true, implicit(token), authorization.state());
            });
        }
        String code = SecureTokens.random();
        CodeGrant grant = new CodeGrant(authorization.clientId(), authorization.redirectUri(), user,
                authorization.scopes(), authorization.codeChallenge(), familyId, clock.instant());
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

    private static Mono<ServerResponse> seeOther(URI location, ResponseCookie... cookies) {
        return ServerResponse.status(HttpStatus.SEE_OTHER).location(location).cacheControl(CacheControl.noStore())
                .cookies(all -> Arrays.stream(cookies).forEach(cookie -> all.add(cookie.getName(), cookie)))
                .build();
    }
}
