package io.tollgate.issuer;

import io.tollgate.token.TollgateIssuerUri;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
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
 * @param lockout how repeated failed credential checks lock a client address or a person
 */
@Validated
@ConfigurationProperties("tollgate.issuer")
public record IssuerProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue(TollgateIssuerUri.DEFAULT) URI issuerUri,
        @NotBlank @DefaultValue("forward://") String routeUri,
        @NotEmpty @DefaultValue("tollgate") List<String> audiences,
        @Valid @NotNull @DefaultValue Keys keys,
        @Valid @NotNull @DefaultValue Lifetimes lifetimes,
        @Valid @NotNull @DefaultValue Lockout lockout) {

    /**
     * @param location a JWK set JSON file with private keys, each with {@code kid} and {@code
     *     alg}, read again when it changes ({@link KeyRingFile} checks each version); absent: an
     *     RS256 key is generated at start and lost at stop
     * @param activeKid the key that signs; absent: the first in the file, so that a rotation is an
     *     edit of the file alone ({@code application.yml} is not reloaded)
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
     * Failed credential checks allowed within {@code window} before a lock of {@code duration}.
     * Accounts with a machine secret are never locked (see {@link io.tollgate.issuer.Lockout}).
     *
     * @param addressMaxFailures failed checks of machine secrets (brand API secrets, channel
     *     passwords, OAuth client secrets) from one client address that lock the address for
     *     those checks
     * @param userAddressMaxFailures failed sign-ins of one person from one client address that
     *     lock that person at that address
     * @param userMaxFailures failed sign-ins of one person from anywhere that lock the person; at
     *     least {@code userAddressMaxFailures}, since it is the slower bound
     * @param maxFailures removed (accounts are no longer locked); set, it fails the start, so that
     *     a setting that no longer does anything is not silently ignored
     * @param window how long a failure counts
     * @param duration how long a locked address or person stays locked
     */
    public record Lockout(
            @Min(1) @DefaultValue("50") int addressMaxFailures,
            @Min(1) @DefaultValue("5") int userAddressMaxFailures,
            @Min(1) @DefaultValue("50") int userMaxFailures,
            @Null(message = "was removed: accounts are no longer locked; set address-max-failures, "
                    + "user-address-max-failures and user-max-failures instead (docs/CONFIGURATION.md)")
                    Integer maxFailures,
            @NotNull @DefaultValue("15m") Duration window,
            @NotNull @DefaultValue("15m") Duration duration) {

        @AssertTrue(message = "user-max-failures must be at least user-address-max-failures")
        boolean isPersonBoundAtLeastTheAddressBound() {
            return userMaxFailures >= userAddressMaxFailures;
        }
    }
}
