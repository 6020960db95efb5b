package io.tollgate.validation;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import io.tollgate.startup.InvalidConfigurationException;
import io.tollgate.token.AccessToken;
import io.tollgate.token.TokenKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The check {@code tollgate.validation.issuers} must pass at start: each mistake stops the start
 * with one line that names the entry and the fix ({@link InvalidConfigurationException}). Closed
 * by construction: no audience without an explicit {@code any-audience: true}, no algorithm that
 * is {@code none} or HMAC (an external issuer's secret would be a secret it shares with every
 * other holder), no kind left to guess.
 */
final class ExternalIssuerCheck {

    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,32}");
    private static final String SOURCE = "tollgate.validation.issuers in application.yml";

    private ExternalIssuerCheck() {}

    /**
     * @param tollgateIssuer the {@code iss} of Tollgate's own tokens, which no entry may claim
     */
    static List<ExternalIssuer> check(ExternalIssuersProperties properties, String tollgateIssuer) {
        Set<String> ids = new HashSet<>();
        Set<String> issuers = new HashSet<>();
        issuers.add(tollgateIssuer);
        List<ExternalIssuer> checked = new ArrayList<>();
        int index = 0;
        for (ExternalIssuersProperties.Entry entry : properties.issuers()) {
            String name = entry.id() == null ? "tollgate.validation.issuers[" + index + "]" : "issuer " + entry.id();
            ExternalIssuer issuer = check(entry, name);
            if (!ids.add(issuer.id())) {
                throw refused(name + ": the id is used by another entry: give each issuer its own id");
            }
            if (!issuers.add(issuer.issuer())) {
                throw refused(name + ": its issuer " + issuer.issuer() + " is trusted already (by another entry, or"
                        + " it is Tollgate's own issuer-uri): trust each iss once");
            }
            checked.add(issuer);
            index++;
        }
        return List.copyOf(checked);
    }

    private static ExternalIssuer check(ExternalIssuersProperties.Entry entry, String name) {
        if (entry.id() == null || !ID.matcher(entry.id()).matches()) {
            throw refused(name + ": id must be 1 to 32 of a-z, 0-9 and -, such as keycloak");
        }
        if (AccessToken.TOLLGATE.equals(entry.id())) {
            throw refused(name + ": the id tollgate names Tollgate's own tokens: choose another id");
        }
        if (entry.issuer() == null || entry.issuer().isBlank()) {
            throw refused(name + ": issuer is required: the exact iss of its tokens, such as "
                    + "https://sso.example.com/realms/acme");
        }
        if (entry.discovery() == (entry.jwksUri() != null)) {
            throw refused(name + ": set either discovery: true or jwks-uri, one of the two");
        }
        if (entry.discovery() && !isHttp(entry.issuer())) {
            throw refused(name + ": discovery needs an http or https issuer; name the jwks-uri instead");
        }
        if (entry.jwksUri() != null && !isHttp(entry.jwksUri())) {
            throw refused(name + ": jwks-uri must be an http or https URL");
        }
        if (entry.maxLifetime() == null || entry.maxLifetime().compareTo(Duration.ofSeconds(1)) < 0) {
            throw refused(name + ": max-lifetime must be at least 1s: the longest exp minus iat of its tokens, "
                    + "such as 24h");
        }
        return new ExternalIssuer(entry.id(), entry.issuer(), entry.jwksUri(), audiences(entry, name),
                algorithms(entry, name), types(entry, name), claims(entry, name), entry.required(),
                entry.maxLifetime());
    }

    private static Set<String> audiences(ExternalIssuersProperties.Entry entry, String name) {
        if (entry.anyAudience()) {
            if (!entry.audiences().isEmpty()) {
                throw refused(name + ": any-audience: true and audiences contradict each other: remove one");
            }
            return null;
        }
        if (entry.audiences().isEmpty() || entry.audiences().stream().anyMatch(String::isBlank)) {
            throw refused(name + ": audiences is required: name the audiences its tokens must carry (one is "
                    + "enough), or set any-audience: true");
        }
        return Collections.unmodifiableSet(new HashSet<>(entry.audiences()));
    }

    private static Set<JWSAlgorithm> algorithms(ExternalIssuersProperties.Entry entry, String name) {
        if (entry.algorithms().isEmpty()) {
            throw refused(name + ": algorithms is required: pin the algorithms its keys sign with, such as [RS256]");
        }
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String value : entry.algorithms()) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(value);
            if ("none".equalsIgnoreCase(value) || JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
                throw refused(name + ": algorithm " + value + " is never accepted from an external issuer: pin "
                        + "its public-key algorithms, such as RS256 or ES256");
            }
            if (!JWSAlgorithm.Family.SIGNATURE.contains(algorithm)) {
                throw refused(name + ": algorithm " + value + " is unknown: use one of RS256, RS384, RS512, "
                        + "PS256, PS384, PS512, ES256, ES384, ES512, EdDSA");
            }
            algorithms.add(algorithm);
        }
        return Set.copyOf(algorithms);
    }

    private static Set<JOSEObjectType> types(ExternalIssuersProperties.Entry entry, String name) {
        if (entry.types().isEmpty() && !entry.acceptUntyped()) {
            throw refused(name + ": types is empty, so no token would pass: name the accepted typ headers, "
                    + "such as [JWT, at+jwt]");
        }
        Set<JOSEObjectType> types = new HashSet<>();
        for (String type : entry.types()) {
            types.add(new JOSEObjectType(type));
        }
        if (entry.acceptUntyped()) {
            types.add(null);
        }
        return types;
    }

    private static ExternalClaims claims(ExternalIssuersProperties.Entry entry, String name) {
        ExternalIssuersProperties.Claims claims = entry.claims();
        for (String claim : List.of(claims.subject(), claims.scopes(), claims.client())) {
            if (claim.isBlank()) {
                throw refused(name + ": claims names a blank claim: leave it out for the default");
            }
        }
        return new ExternalClaims(entry.id(), claims.subject(), claims.scopes(), claims.client(), kind(entry, name));
    }

    private static ExternalClaims.KindRule kind(ExternalIssuersProperties.Entry entry, String name) {
        if ((entry.kind() == null) == (entry.kindRule() == null)) {
            throw refused(name + ": set either kind (oauth-user or oauth-app) or kind-rule, one of the two");
        }
        if (entry.kind() != null) {
            return ExternalClaims.KindRule.fixed(kind(entry.kind(), name, "kind"));
        }
        ExternalIssuersProperties.KindRule rule = entry.kindRule();
        if (rule.claim() == null || rule.claim().isBlank()) {
            throw refused(name + ": kind-rule needs the claim it looks at, such as claim: client_id");
        }
        return new ExternalClaims.KindRule(rule.claim(), kind(rule.present(), name, "kind-rule.present"),
                kind(rule.absent(), name, "kind-rule.absent"));
    }

    private static TokenKind kind(String value, String name, String key) {
        if (TokenKind.OAUTH_USER.claimValue().equals(value)) {
            return TokenKind.OAUTH_USER;
        }
        if (TokenKind.OAUTH_APP.claimValue().equals(value)) {
            return TokenKind.OAUTH_APP;
        }
        throw refused(name + ": " + key + " must be oauth-user or oauth-app (brand and channel are Tollgate's own"
                + " accounts)");
    }

    private static boolean isHttp(String uri) {
        try {
            return isHttp(new URI(uri));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isHttp(URI uri) {
        return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    }

    private static InvalidConfigurationException refused(String line) {
        return new InvalidConfigurationException(line, SOURCE);
    }
}
