package io.tollgate.issuer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.issuer.*}.
 *
 * @param enabled whether this instance runs the issuer (keys, minting, the dialects' endpoints,
 *     credentials); {@code false} makes a gateway-only pod of a split deployment, which proxies the
 *     issuer routes to {@code routeUri} and verifies tokens with the keys of the issuer's JWK set
 * @param issuerUri the {@code iss} of every token; operators set it to the public URL. A
 *     gateway-only pod expects it in the tokens it checks, so both pods must agree on it
 * @param routeUri where the gateway's issuer routes point, without a path: {@code forward://} for
 *     the issuer in this process, the issuer Service's URL (say {@code http://tollgate-issuer:8080})
 *     in a split deployment; routes append the endpoint's path
 * @param audiences the {@code aud} of issued tokens
 * @param keys the signing keys
 * @param lifetimes how long issued tokens live
 * @param lockout how repeated failed sign-ins lock an account
 */
@Validated
@ConfigurationProperties("tollgate.issuer")
public record IssuerProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("http://localhost:8080") URI issuerUri,
        @NotBlank @DefaultValue("forward://") String routeUri,
        @NotEmpty @DefaultValue("tollgate") List<String> audiences,
        @Valid @NotNull @DefaultValue Keys keys,
        @Valid @NotNull @DefaultValue Lifetimes lifetimes,
        @Valid @NotNull @DefaultValue Lockout lockout) {

    /**
     * @param location a JWK set JSON file with private keys, each with {@code kid} and {@code
     *     alg}; absent: an RS256 key is generated at start and lost at stop
     * @param activeKid the key that signs; absent: the first in the file
     */
    public record Keys(Resource location, String activeKid) {}

    /**
     * @param brand lifetime of brand tokens ({@code POST /api/thirdparty/auth})
     * @param channel lifetime of channel tokens ({@code POST /generateToken})
     * @param oauthUser lifetime of OAuth access tokens issued for a person
     * @param clientCredentials lifetime of OAuth access tokens a client gets for itself
     * @param authorizationCode lifetime of an authorization code
     * @param refreshToken absolute lifetime of a grant's refresh tokens, counted from the grant
     */
    public record Lifetimes(
            @NotNull @DefaultValue("1h") Duration brand,
            @NotNull @DefaultValue("1h") Duration channel,
            @NotNull @DefaultValue("24h") Duration oauthUser,
            @NotNull @DefaultValue("1h") Duration clientCredentials,
            @NotNull @DefaultValue("10m") Duration authorizationCode,
            @NotNull @DefaultValue("30d") Duration refreshToken) {}

    /**
     * @param maxFailures failed sign-ins of one account (brand API key, channel user, OAuth client or
     *     person) within {@code window} that lock it
     * @param addressMaxFailures failed brand sign-ins from one client address within {@code window}
     *     that lock the address; higher, since many callers can share an address
     * @param window how long a failure counts
     * @param duration how long the account stays locked
     */
    public record Lockout(
            @Min(1) @DefaultValue("5") int maxFailures,
            @Min(1) @DefaultValue("50") int addressMaxFailures,
            @NotNull @DefaultValue("15m") Duration window,
            @NotNull @DefaultValue("15m") Duration duration) {}
}
