package io.tollgate.issuer.oauth;

import java.io.Serializable;
import java.util.Set;

/**
 * A checked authorize request, kept in the page session between the login and consent pages.
 *
 * @param clientId the registered client
 * @param redirectUri one of its registered redirect URIs, exactly
 * @param implicit {@code response_type=token}: the token goes in the redirect's fragment
 * @param scopes the scopes asked for, all within the client's
 * @param display the page layout: {@code web}, {@code mobile}, {@code desktop} or {@code iframe}
 * @param state the client's value, echoed on the redirect; may be {@code null}
 * @param codeChallenge the PKCE S256 challenge; may be {@code null} for a confidential client
 */
record AuthorizationRequest(
        String clientId,
        String redirectUri,
        boolean implicit,
        Set<String> scopes,
        String display,
        String state,
        String codeChallenge)
        implements Serializable {}
