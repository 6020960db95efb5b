package io.tollgate.credentials;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What makes a registered client contradict itself: a type its secrets deny, grants it could never
 * use, or redirect URIs and scopes no request could match. Each rule is listed, with its fix, in
 * docs/CONFIGURATION.md; a client that breaks one stops the start (or is refused on reload) instead
 * of being refused at request time.
 */
final class ClientRules {

    private ClientRules() {}

    static void check(OAuthClient client) {
        String entry = CredentialsProblem.entry(client);
        Set<GrantType> grants = client.grantTypes();
        if (client.type() == ClientType.PUBLIC && !client.clientSecrets().isEmpty()) {
            throw CredentialsProblem.of(entry, "type: public takes no client secret, and one is set: remove "
                    + "client-secret (or client-secrets), or set type: confidential");
        }
        if (client.type() == ClientType.CONFIDENTIAL && client.clientSecrets().isEmpty()) {
            throw CredentialsProblem.of(entry, "type: confidential needs a client secret, and none is set: add the "
                    + "{sha256} hash of its secret as client-secret (or several as client-secrets), or set type: public");
        }
        if (grants.contains(GrantType.PASSWORD) && !client.isConfidential()) {
            throw CredentialsProblem.of(entry, "the password grant needs client authentication, and a public client "
                    + "has no client-secret: give it a client-secret or remove password from grant-types");
        }
        if (grants.contains(GrantType.PASSWORD) && !client.trusted()) {
            throw CredentialsProblem.of(entry, "password in grant-types needs trusted: true as well: set trusted: true, "
                    + "or remove password from grant-types");
        }
        if (client.trusted() && !grants.contains(GrantType.PASSWORD)) {
            throw CredentialsProblem.of(entry, "trusted: true only enables the password grant, which grant-types does "
                    + "not list: add password to grant-types, or remove trusted: true");
        }
        if (grants.contains(GrantType.CLIENT_CREDENTIALS) && !client.isConfidential()) {
            throw CredentialsProblem.of(entry, "client_credentials needs client authentication, and a public client "
                    + "has no client-secret: give it a client-secret or remove client_credentials from grant-types");
        }
        for (GrantType redirecting : List.of(GrantType.AUTHORIZATION_CODE, GrantType.IMPLICIT)) {
            if (grants.contains(redirecting) && client.redirectUris().isEmpty()) {
                throw CredentialsProblem.of(entry, redirecting.wireName() + " answers through a registered redirect "
                        + "URI, and redirect-uris is empty: add the application's redirect URI, or remove "
                        + redirecting.wireName() + " from grant-types");
            }
        }
        if (grants.contains(GrantType.REFRESH_TOKEN)
                && !grants.contains(GrantType.AUTHORIZATION_CODE) && !grants.contains(GrantType.PASSWORD)) {
            throw CredentialsProblem.of(entry, "refresh_token needs a grant that issues refresh tokens "
                    + "(authorization_code or password), and grant-types lists neither: add one, or remove "
                    + "refresh_token");
        }
        checkRedirectUris(entry, client.redirectUris());
        checkLogoUri(entry, client.logoUri());
        AccountRules.checkScopes(entry, client.scopes());
    }

    /**
     * The pages load a logo from its origin alone (their Content-Security-Policy names it), so only
     * an absolute {@code https} URI or an inline {@code data:image/…} URI can be shown.
     */
    private static void checkLogoUri(String entry, String logoUri) {
        if (logoUri != null && LogoUris.source(logoUri) == null) {
            throw CredentialsProblem.of(entry, "logo-uri " + CredentialsProblem.quote(logoUri) + " is neither an "
                    + "https URI nor a data:image URI: write it as https://app.example.com/logo.png, inline it as "
                    + "data:image/png;base64,..., or remove it");
        }
    }

    /** RFC 6749 §3.1.2: absolute, without a fragment; each listed once, since they are compared exactly. */
    private static void checkRedirectUris(String entry, List<String> redirectUris) {
        Set<String> seen = new HashSet<>();
        for (String redirectUri : redirectUris) {
            String quoted = "redirect URI " + CredentialsProblem.quote(redirectUri);
            URI uri;
            try {
                uri = new URI(redirectUri);
            } catch (URISyntaxException e) {
                throw CredentialsProblem.of(entry, quoted + " is not a URI: write it as the application sends it, "
                        + "such as https://app.example.com/callback");
            }
            if (!uri.isAbsolute()) {
                throw CredentialsProblem.of(entry, quoted + " is not absolute (RFC 6749 §3.1.2): write it whole, "
                        + "such as https://app.example.com/callback");
            }
            if (uri.getRawFragment() != null) {
                throw CredentialsProblem.of(entry, quoted + " carries a fragment, which RFC 6749 §3.1.2 forbids: "
                        + "remove the part from '#'");
            }
            if (!seen.add(redirectUri)) {
                throw CredentialsProblem.of(entry, quoted + " is listed twice in redirect-uris: list it once");
            }
        }
    }
}
