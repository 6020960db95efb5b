package io.tollgate.issuer.oauth;

import io.tollgate.credentials.OAuthClient;

/**
 * The client as the pages name it: its display name (its id when it has none) and its logo, with
 * the one {@code img-src} source the page's Content-Security-Policy must allow for that logo.
 *
 * @param name its name, or its id
 * @param logoUri its logo, or {@code null}
 * @param logoSource {@code data:} or the logo's origin; {@code null} without a logo
 */
record PageClient(String name, String logoUri, String logoSource) {

    /** The registered client, or one known only by the id the request names (removed by a reload meanwhile). */
    static PageClient of(OAuthClient client, String clientId) {
        return client == null ? new PageClient(clientId, null, null)
                : new PageClient(client.displayName(), client.logoUri(), client.logoSource());
    }
}
