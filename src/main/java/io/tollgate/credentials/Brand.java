package io.tollgate.credentials;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A provisioned brand: its public API key, the hash of its API secret, and the scopes its tokens
 * carry.
 */
public record Brand(
        @NotBlank String id,
        @NotBlank String apiKey,
        @NotBlank String apiSecret,
        @NotNull @DefaultValue("active") BrandStatus status,
        @NotNull @DefaultValue List<String> scopes) {}
