package io.tollgate.validation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.support.TestKeys;
import io.tollgate.token.TrustedIssuer;
import io.tollgate.token.VerificationKey;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An external issuer configured as README's Keycloak example is (claims {@code sub}, {@code
 * scope}, {@code azp}; kind by {@code client_id}; RS256; audience {@code content-api}), and its
 * tokens shaped like the access tokens Keycloak 26 issues to a client-credentials client: {@code
 * typ: JWT} and a {@code kid} in the header, and Keycloak's claims ({@code azp}, {@code
 * realm_access}, {@code resource_access}, {@code scope}, …), about twice the claims of a Tollgate
 * token. For the benchmarks, which compare such a token with a Tollgate one in the same run: the
 * registry it makes is the one the application builds, with the issuer's keys in hand instead of
 * read from its JWK set.
 */
public final class KeycloakShapedIssuer {

    public static final String ID = "keycloak";
    public static final String ISSUER = "https://sso.example.com/realms/acme";
    private static final String CLIENT = "tollgate-machine";

    private final RSAKey key = TestKeys.rsa("kc-" + UUID.randomUUID());
    private final RSASSASigner signer;

    public KeycloakShapedIssuer() {
        try {
            signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tollgate's issuer ({@code tollgateKeys}) and this one, as {@code ValidationConfiguration} builds them. */
    public TrustedIssuers withTollgate(TrustedIssuer tollgateKeys, Duration clockSkew, SignatureCrypto crypto) {
        ExternalIssuersProperties.Entry entry = new ExternalIssuersProperties.Entry(ID, ISSUER, false,
                URI.create(ISSUER + "/protocol/openid-connect/certs"), List.of("content-api"), false,
                List.of("RS256"), List.of("JWT", "at+jwt"), false,
                new ExternalIssuersProperties.Claims("sub", "scope", "azp"), null,
                new ExternalIssuersProperties.KindRule("client_id", "oauth-app", "oauth-user"), false, Duration.ofHours(24));
        ExternalIssuer issuer = ExternalIssuerCheck.check(
                new ExternalIssuersProperties(List.of(entry)), tollgateKeys.issuer()).get(0);
        VerificationKey published = VerificationKey.of(key.toPublicJWK(), crypto);
        TrustedIssuer keys = new TrustedIssuer() {
            @Override
            public String issuer() {
                return ISSUER;
            }

            @Override
            public VerificationKey find(String keyId) {
                return published.keyId().equals(keyId) ? published : null;
            }
        };
        IssuerTrust external = new ExternalIssuerTrust(clockSkew, null, crypto, null, null).of(issuer, keys);
        return new TrustedIssuers(List.of(TrustedIssuers.tollgate(tollgateKeys, clockSkew, crypto), external),
                List.of());
    }

    /** A client-credentials access token as Keycloak 26 writes one, living one hour. */
    public String token() {
        Instant now = Instant.now();
        String subject = UUID.randomUUID().toString();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .issueTime(Date.from(now))
                .jwtID("trrtcc:" + UUID.randomUUID())
                .issuer(ISSUER)
                .audience(List.of("content-api", "account"))
                .subject(subject)
                .claim("typ", "Bearer")
                .claim("azp", CLIENT)
                .claim("acr", "1")
                .claim("allowed-origins", List.of("/*"))
                .claim("realm_access", Map.of("roles", List.of("offline_access", "default-roles-acme",
                        "uma_authorization")))
                .claim("resource_access", Map.of("account", Map.of("roles", List.of("manage-account",
                        "manage-account-links", "view-profile"))))
                .claim("scope", "profile email content:read")
                .claim("email_verified", false)
                .claim("clientHost", "10.0.12.7")
                .claim("preferred_username", "service-account-" + CLIENT)
                .claim("clientAddress", "10.0.12.7")
                .claim("client_id", CLIENT)
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(key.getKeyID())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
