package io.tollgate.validation;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.validation.issuers}: the external OAuth/OIDC issuers whose tokens are trusted
 * beside Tollgate's own. Read at start only (application.yml is not reloaded) and checked whole by
 * {@link ExternalIssuerCheck}, which refuses the start with one line per mistake; the values are
 * taken as written here so that the check, not the binder, names each mistake.
 *
 * @param issuers the entries, in any order
 */
@ConfigurationProperties("tollgate.validation")
public record ExternalIssuersProperties(@DefaultValue List<Entry> issuers) {

    /**
     * One external issuer.
     *
     * @param id a short name, {@code [a-z0-9-]{1,32}}, unique and not {@code tollgate}: the meter
     *     label, the {@code X-Auth-Issuer} value, the name routes and cut-offs use
     * @param issuer the exact {@code iss} of its tokens
     * @param discovery read {@code jwks_uri} from {@code {issuer}/.well-known/openid-configuration}
     *     (falling back to RFC 8414's {@code /.well-known/oauth-authorization-server}); a document
     *     naming another issuer is refused
     * @param jwksUri the JWK set, named directly (instead of {@code discovery})
     * @param audiences a token's {@code aud} must contain one of them
     * @param anyAudience accept any audience (required to leave {@code audiences} empty)
     * @param algorithms the only algorithms accepted; never {@code none} nor HMAC
     * @param types the accepted {@code typ} headers
     * @param acceptUntyped also accept a token without {@code typ}
     * @param claims the names of the claims read
     * @param kind the kind of every token, or instead {@code kind-rule}
     * @param kindRule the kind decided by a claim's presence
     * @param required readiness stays down until this issuer's keys were read
     * @param maxLifetime the longest lifetime ({@code exp} minus {@code iat}) of a token admitted;
     *     a cut-off naming this issuer is kept as long
     */
    public record Entry(
            String id,
            String issuer,
            boolean discovery,
            URI jwksUri,
            @DefaultValue List<String> audiences,
            boolean anyAudience,
            @DefaultValue List<String> algorithms,
            @DefaultValue({"JWT", "at+jwt"}) List<String> types,
            boolean acceptUntyped,
            @DefaultValue Claims claims,
            String kind,
            KindRule kindRule,
            boolean required,
            @DefaultValue("24h") Duration maxLifetime) {}

    /**
     * @param subject the claim naming the subject
     * @param scopes the claim carrying the scopes: a space-separated string or a JSON array
     * @param client the claim naming the client
     */
    public record Claims(
            @DefaultValue("sub") String subject,
            @DefaultValue("scope") String scopes,
            @DefaultValue("azp") String client) {}

    /**
     * @param claim the claim looked at
     * @param present the kind of a token that carries it
     * @param absent the kind of one that does not
     */
    public record KindRule(String claim, String present, String absent) {}
}
