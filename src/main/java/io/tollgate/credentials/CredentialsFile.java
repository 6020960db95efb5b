package io.tollgate.credentials;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The credentials file as written ({@code tollgate.credentials.*}), bound by Spring Boot's binder.
 * Only {@link CredentialsLoader} reads it: it turns each entry into the domain model ({@link
 * Credentials}) once its checks pass. Every secret takes a short form (one hash) or a list (items
 * {@code {hash, not-after}}), never both.
 */
record CredentialsFile(
        @NotNull @DefaultValue List<@Valid BrandEntry> brands,
        @NotNull @DefaultValue List<@Valid ChannelUserEntry> channelUsers,
        @NotNull @DefaultValue List<@Valid ClientEntry> clients,
        @NotNull @DefaultValue List<@Valid UserEntry> users,
        @NotNull @DefaultValue List<@Valid ScopeEntry> scopes) {

    static CredentialsFile empty() {
        return new CredentialsFile(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** An item of {@code api-secrets}, {@code passwords} or {@code client-secrets}. */
    record SecretEntry(@NotBlank String hash, Instant notAfter) {}

    record BrandEntry(
            @NotBlank String id,
            @NotBlank String apiKey,
            String apiSecret,
            List<@Valid SecretEntry> apiSecrets,
            @NotNull @DefaultValue("active") AccountStatus status,
            @NotNull @DefaultValue List<String> scopes) {}

    record ChannelUserEntry(
            @NotBlank String username,
            String password,
            List<@Valid SecretEntry> passwords,
            @NotNull @DefaultValue("active") ChannelUserStatus status,
            @NotNull @DefaultValue List<String> scopes) {}

    record ClientEntry(
            @NotBlank String clientId,
            String name,
            String logoUri,
            ClientType type,
            String clientSecret,
            List<@Valid SecretEntry> clientSecrets,
            @NotNull @DefaultValue List<String> redirectUris,
            @NotEmpty Set<GrantType> grantTypes,
            @DefaultValue("false") boolean trusted,
            @NotNull @DefaultValue("active") AccountStatus status,
            @NotNull @DefaultValue List<String> scopes) {}

    record UserEntry(
            @NotBlank String username,
            String password,
            List<@Valid SecretEntry> passwords,
            @NotNull @DefaultValue("active") AccountStatus status) {}

    /** An item of the scope catalogue: what the consent page says the scope means. */
    record ScopeEntry(
            @NotBlank String name,
            @NotBlank String description,
            @NotNull @DefaultValue Map<String, @NotBlank String> descriptions) {}
}
