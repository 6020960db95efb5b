package io.tollgate.credentials;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Everything provisioned in the credentials file under {@code tollgate.credentials}. */
public record Credentials(
        @NotNull @DefaultValue List<@Valid Brand> brands,
        @NotNull @DefaultValue List<@Valid ChannelUser> channelUsers,
        @NotNull @DefaultValue List<@Valid OAuthClient> clients,
        @NotNull @DefaultValue List<@Valid User> users) {}
