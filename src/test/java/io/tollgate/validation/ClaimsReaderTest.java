package io.tollgate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.issuer.KeyRing;
import io.tollgate.support.TestKeys;
import io.tollgate.support.Tokens;
import io.tollgate.token.AccessToken;
import io.tollgate.token.TokenKind;
import io.tollgate.token.TrustedIssuer;
import io.tollgate.token.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/**
 * Only the claims some issuer uses are read ({@link ClaimsReader}), derived from the issuers'
 * mappings and rules; every claim a check or a mapping looks at still arrives, and the JSON is
 * judged as strictly as when every member was read.
 */
class ClaimsReaderTest {

    private final KeyRing keys =
            new KeyRing(Tokens.ISSUER, new JWKSet(List.of(TestKeys.ACTIVE)), null, SignatureCrypto.jdk());
    private final KeycloakShapedIssuer keycloak = new KeycloakShapedIssuer();
    private final TrustedIssuers issuers = keycloak.withTollgate(keys, Duration.ofSeconds(30), SignatureCrypto.jdk());
    private final ClaimsReader reader = ClaimsReader.of(issuers.all());

    @Test
    void theClaimsReadAreTheRegisteredOnesAndThoseTheIssuersMapOrRequire() {
        assertThat(reader.names()).containsAll(JWTClaimsSet.getRegisteredNames())
                .contains("kind", "scope", "client_id", "azp")
                .doesNotContain("realm_access", "resource_access", "allowed-origins", "preferred_username");
    }

    @Test
    void anIssuersOwnClaimNamesAndItsKindRuleClaimAreRead() {
        ExternalIssuersProperties.Entry entry = new ExternalIssuersProperties.Entry("entra",
                "https://login.example.com/tenant/v2.0", false, java.net.URI.create("https://login.example.com/keys"),
                List.of("api"), false, List.of("RS256"), List.of("JWT"), false,
                new ExternalIssuersProperties.Claims("oid", "scp", "appid"), null,
                new ExternalIssuersProperties.KindRule("idtyp", "oauth-app", "oauth-user"), false, Duration.ofHours(1));
        ExternalIssuer issuer = ExternalIssuerCheck.check(
                new ExternalIssuersProperties(List.of(entry)), Tokens.ISSUER).get(0);
        IssuerTrust trust = new ExternalIssuerTrust(Duration.ofSeconds(30), null, SignatureCrypto.jdk(), null, null)
                .of(issuer, noKeys(issuer.issuer()));

        ClaimsReader entra = ClaimsReader.of(List.of(TrustedIssuers.tollgate(keys, Duration.ofSeconds(30),
                SignatureCrypto.jdk()), trust));

        assertThat(entra.names()).contains("oid", "scp", "appid", "idtyp").doesNotContain("azp");
        assertThat(reader.names()).doesNotContain("oid", "scp", "appid", "idtyp");
    }

    @Test
    void aMemberNobodyUsesIsSkippedAndTheOthersArriveWhole() throws ParseException {
        JWTClaimsSet claims = reader.read(json("{\"iss\":\"x\",\"realm_access\":{\"roles\":[\"a\",\"b\"]},"
                + "\"aud\":[\"content-api\",\"account\"],\"scope\":\"a b\",\"acr\":\"1\",\"exp\":1900000000,"
                + "\"client_id\":\"c\",\"nbf\":1800000000}"));

        assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrder("iss", "aud", "scope", "exp", "client_id", "nbf");
        assertThat(claims.getAudience()).containsExactly("content-api", "account");
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(Instant.ofEpochSecond(1900000000)));
        assertThat(claims.getNotBeforeTime()).isEqualTo(Date.from(Instant.ofEpochSecond(1800000000)));
    }

    @Test
    void claimsWithNoMemberAnyoneUsesReadAsEmpty() throws ParseException {
        assertThat(reader.read(json("{\"acr\":\"1\"}")).getClaims()).isEmpty();
        assertThat(reader.read(json("{}")).getClaims()).isEmpty();
    }

    /** The parser underneath reads every member, skipped ones and nested ones included. */
    @Test
    void aMemberGivenTwiceIsRefusedWhetherItIsReadOrSkipped() {
        for (String twice : List.of("{\"iss\":\"x\",\"iss\":\"y\"}", "{\"iss\":\"x\",\"acr\":\"1\",\"acr\":\"2\"}",
                "{\"iss\":\"x\",\"realm_access\":{\"roles\":[],\"roles\":[\"admin\"]}}",
                "{\"iss\":\"x\",\"aud\":[{\"a\":1,\"a\":2}]}")) {
            assertThatThrownBy(() -> reader.read(json(twice))).as(twice).isInstanceOf(JacksonException.class);
        }
    }

    @Test
    void anythingButOneJsonObjectIsRefused() {
        for (String odd : List.of("[]", "null", "\"iss\"", "{\"iss\":\"x\"}{}", "{\"iss\":\"x\"} 1",
                "{\"iss\":\"x\",\"acr\":}", "{\"iss\":\"x\",\"acr\":[1,}", "{\"exp\":\"tomorrow\"}")) {
            assertThatThrownBy(() -> reader.read(json(odd))).as(odd)
                    .isInstanceOfAny(JacksonException.class, ParseException.class);
        }
    }

    @Test
    void everyClaimOfAKeycloakTokensMappingArrives() {
        ValidationResult result = new TokenVerifier(issuers).verify(keycloak.token());

        assertThat(result.isValid()).isTrue();
        AccessToken token = result.token();
        assertThat(token.issuer()).isEqualTo(KeycloakShapedIssuer.ID);
        assertThat(token.subject()).isNotEmpty();
        assertThat(token.kind()).isEqualTo(TokenKind.OAUTH_APP);
        assertThat(token.clientId()).isEqualTo("tollgate-machine");
        assertThat(token.scopes()).containsExactly("content:read", "email", "profile");
        assertThat(token.audiences()).containsExactly("content-api", "account");
        assertThat(token.tokenId()).startsWith("trrtcc:");
        assertThat(token.expiresAtEpochSecond() - token.issuedAtEpochSecond()).isEqualTo(3600);
    }

    @Test
    void everyClaimOfATollgateTokenArrives() {
        JWTClaimsSet claims = Tokens.brandClaims().build();

        AccessToken token = new TokenVerifier(issuers).verify(Tokens.sign(claims)).token();

        assertThat(token).isEqualTo(new AccessToken(AccessToken.TOLLGATE, claims.getJWTID(), "acme", TokenKind.BRAND,
                "acme", Set.of("content:read", "content:write"), List.of("tollgate"),
                claims.getIssueTime().toInstant().getEpochSecond(),
                claims.getExpirationTime().toInstant().getEpochSecond()));
    }

    /** {@code nbf} is no issuer's mapping: it is read as a registered claim, which nimbus checks. */
    @Test
    void aTokenNotValidYetIsStillRefused() {
        String early = Tokens.sign(Tokens.brandClaims().notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build());

        assertThat(new TokenVerifier(issuers).verify(early).reason()).isEqualTo(RejectionReason.BAD_CLAIMS);
    }

    @Test
    void aClaimAnIssuerRequiresIsStillMissedWhenAbsent() {
        String noKind = Tokens.sign(Tokens.brandClaims().claim("kind", null).build());

        assertThat(new TokenVerifier(issuers).verify(noKind).reason()).isEqualTo(RejectionReason.BAD_CLAIMS);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static TrustedIssuer noKeys(String issuer) {
        return new TrustedIssuer() {
            @Override
            public String issuer() {
                return issuer;
            }

            @Override
            public VerificationKey find(String keyId) {
                return null;
            }
        };
    }
}
