package io.tollgate.credentials;

import java.util.List;
import java.util.Set;

/**
 * A registered OAuth 2.0 client.
 *
 * @param clientId its public identifier
 * @param type confidential (authenticates with a secret) or public (must use PKCE)
 * @param clientSecrets the {@code {sha256}} hashes of its secrets; empty for a public client
 * @param redirectUris the only redirect URIs accepted, compared exactly
 * @param grantTypes what it may use: {@code authorization_code}, {@code implicit} (response type
 *     {@code token}), {@code refresh_token}, {@code client_credentials} (confidential clients only),
 *     {@code password} (trusted clients only)
 * @param trusted with {@code password} in {@code grantTypes}, enables the password grant; the
 *     credentials file must set both or neither ({@link ClientRules})
 * @param status a suspended client can neither authenticate nor be used at the authorize endpoint
 * @param scopes the scopes it may ask for
 * @param name what the pages call it; {@code null} for its id
 * @param logoUri the logo the pages show, an {@code https} or {@code data:image/…} URI
 *     ({@link ClientRules}); {@code null} for none
 */
public record OAuthClient(
        String clientId,
        ClientType type,
        List<StoredSecret> clientSecrets,
        List<String> redirectUris,
        Set<GrantType> grantTypes,
        boolean trusted,
        AccountStatus status,
        List<String> scopes,
        String name,
        String logoUri) implements Account {

    public OAuthClient {
        clientSecrets = List.copyOf(clientSecrets);
        redirectUris = List.copyOf(redirectUris);
        grantTypes = Set.copyOf(grantTypes);
        scopes = List.copyOf(scopes);
    }

    /** What the pages call it: its name, or its id when it has none. */
    public String displayName() {
        return name != null ? name : clientId;
    }

    /** The Content-Security-Policy {@code img-src} source its logo needs, or {@code null} without one. */
    public String logoSource() {
        return logoUri == null ? null : LogoUris.source(logoUri);
    }

    /** A client that authenticates at the token endpoint, whether or not a secret of it is still unexpired. */
    public boolean isConfidential() {
        return type == ClientType.CONFIDENTIAL;
    }

    /**
     * Whether it may use this grant. {@link ClientRules} already refuses a client listing a grant it
     * cannot have; the conditions are repeated so that no other way of making a client opens them.
     */
    public boolean allows(GrantType grantType) {
        return grantTypes.contains(grantType)
                && (grantType != GrantType.PASSWORD || trusted)
                && (grantType != GrantType.CLIENT_CREDENTIALS || isConfidential());
    }

    @Override
    public AccountKind kind() {
        return AccountKind.CLIENT;
    }

    @Override
    public String id() {
        return clientId;
    }

    @Override
    public List<StoredSecret> secrets() {
        return clientSecrets;
    }

    @Override
    public boolean isActive() {
        return status == AccountStatus.ACTIVE;
    }
}
