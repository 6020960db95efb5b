package io.tollgate.credentials;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** A provisioned channel partner account: username, password hash and the scopes of its tokens. */
public record ChannelUser(
        @NotBlank String username,
        @NotBlank String password,
        @NotNull @DefaultValue("active") ChannelUserStatus status,
        @NotNull @DefaultValue List<String> scopes) {}
