package io.tollgate.issuer.oauth;

import io.tollgate.audit.Claimant;
import io.tollgate.credentials.CredentialsSource;
import io.tollgate.credentials.GrantType;
import io.tollgate.credentials.OAuthClient;
import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;

/**
 * Checks the query of {@code GET /platform/oauth/authorize}, and again at each step of the pages
 * (sign-in, consent), against the credentials in force. An unknown or suspended client or an
 * unregistered redirect URI can only be told on an error page, never by a redirect (that would
 * make Tollgate an open redirector); every later problem goes back to the client's redirect URI.
 */
final class AuthorizeRequestParser {

    private static final Set<String> DISPLAYS = Set.of("web", "mobile", "desktop", "iframe");
    /** A {@code ui_locales} worth carrying between the pages: a few BCP 47 tags; any other is ignored. */
    private static final Pattern UI_LOCALES = Pattern.compile("[A-Za-z0-9 -]{1,64}");

    private final CredentialsSource clients;

    AuthorizeRequestParser(CredentialsSource clients) {
        this.clients = clients;
    }

    /** The client an authorize request names, as the audit line of its refusal may name it. */
    Claimant claimant(MultiValueMap<String, String> query) {
        return Claimant.of("client", clients.current().client(query.getFirst("client_id")), OAuthClient::clientId);
    }

    /** The page layout a request asks for: {@code web} unless it names another one Tollgate has. */
    static String display(MultiValueMap<String, String> query) {
        String display = query.getFirst("display");
        return display != null && DISPLAYS.contains(display) ? display : "web";
    }

    /** The checked request; throws {@link Refusal} with the problem otherwise. */
    AuthorizationRequest parse(MultiValueMap<String, String> query) {
        OAuthClient client = clients.current().client(query.getFirst("client_id"));
        if (client == null || !client.isActive()) {
            throw new Refusal(AuthorizeProblem.page("page.error.unregistered-client"), null);
        }
        String redirectUri = query.getFirst("redirect_uri");
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            throw new Refusal(AuthorizeProblem.page("page.error.unregistered-redirect"), null);
        }
        String state = query.getFirst("state");
        String responseType = query.getFirst("response_type");
        boolean implicit = "token".equals(responseType);
        Partial partial = new Partial(redirectUri, implicit, state);
        if (responseType != null && !implicit && !"code".equals(responseType)) {
            throw partial.refuse("unsupported_response_type", "response_type must be code or token");
        }
        if (!client.allows(implicit ? GrantType.IMPLICIT : GrantType.AUTHORIZATION_CODE)) {
            throw partial.refuse("unauthorized_client", "This application may not use response_type "
                    + (implicit ? "token" : "code"));
        }
        Set<String> scopes;
        try {
            scopes = Scopes.requested(query.getFirst("scope"), client.scopes());
        } catch (OAuthError error) {
            throw partial.refuse("invalid_scope", error.description());
        }
        String challenge = challenge(query, client, implicit, partial);
        String uiLocales = query.getFirst("ui_locales");
        return new AuthorizationRequest(client.clientId(), redirectUri, implicit, scopes,
                display(query), state, challenge,
                uiLocales != null && UI_LOCALES.matcher(uiLocales).matches() ? uiLocales : null);
    }

    private static String challenge(
            MultiValueMap<String, String> query, OAuthClient client, boolean implicit, Partial partial) {
        String challenge = query.getFirst("code_challenge");
        String method = query.getFirst("code_challenge_method");
        if (method != null && !Pkce.S256.equals(method)) {
            throw partial.refuse("invalid_request", "code_challenge_method must be S256");
        }
        if (challenge == null) {
            if (!implicit && !client.isConfidential()) {
                throw partial.refuse("invalid_request", "PKCE (code_challenge with S256) is required for this client");
            }
            return null;
        }
        if (implicit || !Pkce.isChallenge(challenge)) {
            throw partial.refuse("invalid_request", "code_challenge is malformed or not allowed here");
        }
        return challenge;
    }

    /** What is known before the request is fully checked: enough to redirect an error. */
    private record Partial(String redirectUri, boolean implicit, String state) {
        Refusal refuse(String error, String description) {
            return new Refusal(AuthorizeProblem.redirect(error, description), this);
        }
    }

    /** A refused authorize request: an error page, or an error redirect to the client. */
    static final class Refusal extends RuntimeException {

        private final AuthorizeProblem problem;
        private final transient Partial partial;

        private Refusal(AuthorizeProblem problem, Partial partial) {
            super(problem.description(), null, false, false);
            this.problem = problem;
            this.partial = partial;
        }

        AuthorizeProblem problem() {
            return problem;
        }

        /** The redirect to the client; only for problems with {@code redirect() == true}. */
        URI redirect() {
            return Redirects.error(problem, partial.redirectUri(), partial.implicit(), partial.state());
        }
    }
}
