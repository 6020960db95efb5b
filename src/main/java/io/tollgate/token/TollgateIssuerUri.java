package io.tollgate.token;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.issuer.issuer-uri}, the {@code iss} of Tollgate's own tokens, as both sides read
 * it: the issuer module writes it into every token, the validator (a split gateway's too, which
 * has no issuer module) accepts it. Bound here, in the package both depend on, so that the
 * validator need not read the issuer module's properties.
 *
 * @param issuerUri the {@code iss} of every Tollgate token
 */
@Validated
@ConfigurationProperties("tollgate.issuer")
public record TollgateIssuerUri(@NotNull @DefaultValue(TollgateIssuerUri.DEFAULT) URI issuerUri) {

    /** The default, for one instance on a developer's machine. */
    public static final String DEFAULT = "http://localhost:8080";
}
