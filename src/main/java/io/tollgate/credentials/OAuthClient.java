package io.tollgate.credentials;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A registered OAuth 2.0 client.
 *
 * @param clientId its public identifier
 * @param clientSecret the {@code {sha256}} hash of its secret; absent for a public client, which
 *     must use PKCE
 * @param redirectUris the only redirect URIs accepted, compared exactly
 * @param grantTypes what it may use: {@code authorization_code}, {@code implicit} (response type
 *     {@code token}), {@code refresh_token}, {@code client_credentials} (confidential clients only),
 *     {@code password} (trusted clients only)
 * @param trusted with {@code password} in {@code grantTypes}, enables the password grant; the
 *     credentials file must set both or neither ({@link ClientRules})
 * @param scopes the scopes it may ask for
 */
public record OAuthClient(
        @NotBlank String clientId,
        String clientSecret,
        @NotNull @DefaultValue List<String> redirectUris,
        @NotEmpty Set<GrantType> grantTypes,
        @DefaultValue("false") boolean trusted,
        @NotNull @DefaultValue List<String> scopes) {

    /** A client with a secret; it authenticates at the token endpoint. */
    public boolean isConfidential() {
        return clientSecret != null && !clientSecret.isBlank();
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
}
