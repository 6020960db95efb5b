package io.tollgate.issuer.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A checked authorize request. Between the pages it travels as its {@link #parameters()} (in the
 * forms' signed tokens and in the redirect after sign-in) and is checked again on each arrival.
 *
 * @param clientId the registered client
 * @param redirectUri one of its registered redirect URIs, exactly
 * @param implicit {@code response_type=token}: the token goes in the redirect's fragment
 * @param scopes the scopes asked for, all within the client's
 * @param display the page layout: {@code web}, {@code mobile}, {@code desktop} or {@code iframe}
 * @param state the client's value, echoed on the redirect; may be {@code null}
 * @param codeChallenge the PKCE S256 challenge; may be {@code null} for a confidential client
 * @param uiLocales the languages the client asked the pages to speak ({@link PageLocales}); may
 *     be {@code null}
 */
record AuthorizationRequest(
        String clientId,
        String redirectUri,
        boolean implicit,
        Set<String> scopes,
        String display,
        String state,
        String codeChallenge,
        String uiLocales) {

    /** The authorize query that {@link AuthorizeRequestParser} reads back as this request. */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("response_type", implicit ? "token" : "code");
        if (!scopes.isEmpty()) {
            parameters.put("scope", String.join(" ", scopes.stream().sorted().toList()));
        }
        parameters.put("display", display);
        if (state != null) {
            parameters.put("state", state);
        }
        if (codeChallenge != null) {
            parameters.put("code_challenge", codeChallenge);
            parameters.put("code_challenge_method", Pkce.S256);
        }
        if (uiLocales != null) {
            parameters.put("ui_locales", uiLocales);
        }
        return parameters;
    }
}
