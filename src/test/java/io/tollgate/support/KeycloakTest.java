package io.tollgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fixture itself: the Keycloak it starts issues real tokens of the shape the trusted-issuer
 * tests rely on, signed by keys its own JWK set publishes (checked with nimbus alone, no Tollgate
 * code), and its key rotation through the admin API changes the signing key and the JWK set.
 */
class KeycloakTest {

    private static Keycloak keycloak;

    @BeforeAll
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    static void startKeycloak() {
        keycloak = Keycloak.shared();
    }

    @Test
    void aClientCredentialsTokenNamesTheClientAndTheAudienceAndVerifiesAgainstTheRealmsKeys() throws Exception {
        SignedJWT token = SignedJWT.parse(keycloak.clientCredentialsToken("acme", "tollgate-machine"));

        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(verifiesWith(token, "acme")).isTrue();
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(keycloak.issuer("acme"));
        assertThat(claims.getAudience()).contains("content-api");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("tollgate-machine");
        assertThat(claims.getStringClaim("azp")).isEqualTo("tollgate-machine");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("service-account-tollgate-machine");
        assertThat(claims.getSubject()).isNotBlank();
    }

    @Test
    void aUserTokenNamesTheUserAndCarriesNoClientIdClaim() throws Exception {
        SignedJWT token = SignedJWT.parse(keycloak.userToken("acme", "tollgate-spa", "alice"));

        assertThat(verifiesWith(token, "acme")).isTrue();
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(keycloak.issuer("acme"));
        assertThat(claims.getAudience()).contains("content-api");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("alice");
        assertThat(claims.getStringClaim("azp")).isEqualTo("tollgate-spa");
        assertThat(claims.getClaims()).doesNotContainKey("client_id");
    }

    @Test
    void theOtherRealmSignsWithKeysOfItsOwn() throws Exception {
        SignedJWT token = SignedJWT.parse(keycloak.clientCredentialsToken("other", "tollgate-machine"));

        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(keycloak.issuer("other"));
        assertThat(verifiesWith(token, "other")).isTrue();
        assertThat(verifiesWith(token, "acme")).isFalse();
    }

    @Test
    void aRotationSignsWithANewKeyAndTakesTheOldOneOutOfTheJwkSet() throws Exception {
        String before = keycloak.activeKid("acme");

        String rotated = keycloak.rotateSigningKey("acme");

        SignedJWT token = SignedJWT.parse(keycloak.clientCredentialsToken("acme", "tollgate-machine"));
        assertThat(rotated).isNotEqualTo(before);
        assertThat(token.getHeader().getKeyID()).isEqualTo(rotated);
        assertThat(verifiesWith(token, "acme")).isTrue();
        assertThat(JWKSet.load(keycloak.jwksUri("acme").toURL()).getKeyByKeyId(before)).isNull();
    }

    /** Whether the realm's published JWK set holds an RSA key under the token's kid whose signature checks. */
    private static boolean verifiesWith(SignedJWT token, String realm) throws Exception {
        JWKSet keys = JWKSet.load(keycloak.jwksUri(realm).toURL());
        if (!(keys.getKeyByKeyId(token.getHeader().getKeyID()) instanceof RSAKey key)) {
            return false;
        }
        JWSVerifier verifier = new RSASSAVerifier(key);
        return token.verify(verifier);
    }
}
