package io.tollgate.issuer.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.util.Map;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Keeps the authorization pages' state in the browser, so that no visit holds anything on the
 * server: the {@link PageSession} in an {@code HttpOnly}, {@code SameSite=Lax} cookie, and the
 * pending authorize request in each form's {@code _csrf} field, bound to the session's id. A form
 * is accepted only with the cookie it was issued to, which another site can neither read nor set.
 * Both are {@link PageTokens}: a tampered or expired one reads as absent.
 */
final class PageSessions {

    static final String COOKIE = "TOLLGATE_SESSION";
    static final String LOGIN = "login";
    static final String CONSENT = "consent";

    /** Every page path is under it; the cookie goes nowhere else. */
    private static final String PATH = "/platform/oauth/authorize";
    private static final String SESSION = "session";
    private static final String ID = "sid";
    private static final String REQUEST = "req";

    private final PageTokens tokens;

    PageSessions(PageTokens tokens) {
        this.tokens = tokens;
    }

    /** The session of the request's cookie; {@code null} without a valid one. */
    PageSession read(ServerRequest request) {
        HttpCookie cookie = request.cookies().getFirst(COOKIE);
        JWTClaimsSet claims = tokens.verify(SESSION, cookie == null ? null : cookie.getValue());
        if (claims == null) {
            return null;
        }
        try {
            String id = claims.getStringClaim(ID);
            return id == null ? null : new PageSession(id, claims.getSubject());
        } catch (ParseException e) {
            return null;
        }
    }

    /** The cookie that carries {@code session}; {@code Secure} when the request came over HTTPS. */
    ResponseCookie cookie(PageSession session, ServerRequest request) {
        String value = tokens.sign(SESSION, new JWTClaimsSet.Builder().claim(ID, session.id()).subject(session.user()));
        return ResponseCookie.from(COOKIE, value)
                .path(PATH)
                .httpOnly(true)
                .sameSite("Lax")
                .secure("https".equalsIgnoreCase(request.uri().getScheme()))
                .maxAge(tokens.lifetime())
                .build();
    }

    /** The {@code _csrf} value of a form for {@code use}: the pending request, bound to {@code session}. */
    String form(String use, PageSession session, AuthorizationRequest request) {
        return tokens.sign(use, new JWTClaimsSet.Builder().claim(ID, session.id()).claim(REQUEST, request.parameters()));
    }

    /**
     * The authorize parameters a form for {@code use} carries, if it was issued to {@code session};
     * otherwise {@code null}.
     */
    MultiValueMap<String, String> pending(String use, PageSession session, String form) {
        JWTClaimsSet claims = session == null ? null : tokens.verify(use, form);
        if (claims == null) {
            return null;
        }
        try {
            Map<String, Object> request = claims.getJSONObjectClaim(REQUEST);
            if (!SecureTokens.equal(session.id(), claims.getStringClaim(ID)) || request == null) {
                return null;
            }
            MultiValueMap<String, String> parameters = new LinkedMultiValueMap<>();
            request.forEach((name, value) -> {
                if (value instanceof String text) {
                    parameters.add(name, text);
                }
            });
            return parameters;
        } catch (ParseException e) {
            return null;
        }
    }
}
