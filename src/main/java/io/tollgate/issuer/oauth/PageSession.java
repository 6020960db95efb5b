package io.tollgate.issuer.oauth;

import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * What the authorization pages keep in the WebFlux session: the pending authorize request, the
 * signed-in user and the CSRF token every form must echo.
 */
final class PageSession {

    private static final String REQUEST = "tollgate.oauth.request";
    private static final String USER = "tollgate.oauth.user";
    private static final String CSRF = "tollgate.oauth.csrf";

    private final WebSession session;

    PageSession(WebSession session) {
        this.session = session;
    }

    /** Starts a new authorize request, with a fresh CSRF token. */
    void begin(AuthorizationRequest request) {
        session.getAttributes().put(REQUEST, request);
        session.getAttributes().put(CSRF, SecureTokens.random());
    }

    /** The pending request, if the form's CSRF token is this session's; otherwise {@code null}. */
    AuthorizationRequest request(String csrfToken) {
        return SecureTokens.equal(csrfToken, session.getAttribute(CSRF)) ? session.getAttribute(REQUEST) : null;
    }

    /** The pending request, for a page view (no form, so no CSRF token to check). */
    AuthorizationRequest request() {
        return session.getAttribute(REQUEST);
    }

    String user() {
        return session.getAttribute(USER);
    }

    String csrfToken() {
        return session.getAttribute(CSRF);
    }

    /** Signs the user in, under a new session id (no session fixation) and a new CSRF token. */
    Mono<Void> signIn(String username) {
        return session.changeSessionId().doOnSuccess(ignored -> {
            session.getAttributes().put(USER, username);
            session.getAttributes().put(CSRF, SecureTokens.random());
        });
    }

    /** Ends the pending request: a consent decision is made once. */
    void finish() {
        session.getAttributes().remove(REQUEST);
    }
}
