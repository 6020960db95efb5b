package io.tollgate.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.tollgate.crypto.CryptoProperties.ProviderChoice;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.support.TestKeys;
import io.tollgate.support.Tokens;
import io.tollgate.token.TokenKind;
import io.tollgate.validation.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

/** The check every version of the key file passes, at start and on each reload. */
class KeyRingFileTest {

    @Test
    void keysMarkedWithIatAndExpLoadSignAndVerify() {
        Instant now = Instant.now();
        RSAKey retired = new RSAKey.Builder(TestKeys.ACTIVE)
                .issueTime(Date.from(now.minus(Duration.ofDays(60))))
                .expirationTime(Date.from(now.minus(Duration.ofDays(1))))
                .build();
        RSAKey active = new RSAKey.Builder(TestKeys.NEXT)
                .issueTime(Date.from(now.minus(Duration.ofDays(1))))
                .expirationTime(Date.from(now.plus(Duration.ofDays(90))))
                .build();
        KeyRing ring = read(set(active, retired, TestKeys.EC), null);

        assertThat(ring.activeKeyId()).isEqualTo("rs-next");
        assertThat(ring.keyIds()).containsExactly("rs-next", "rs-active", "ec-1");
        TokenVerifier verifier = new TokenVerifier(ring, Duration.ofSeconds(30), SignatureCrypto.jdk());
        String minted = new TokenMinter(SigningKeys.fixed(ring), List.of("tollgate"), Clock.systemUTC())
                .mint(TokenKind.BRAND, "acme", "acme", Set.of("content:read"), Duration.ofMinutes(5)).value();
        assertThat(verifier.verify(minted).isValid()).isTrue();
        assertThat(verifier.verify(Tokens.sign(Tokens.brandClaims().build())).keyId())
                .as("a key past its exp still verifies while it stays in the file").isEqualTo("rs-active");
    }

    /**
     * ES256 is the operator's choice of faster issuance (docs/BENCHMARKS.md, "Issuance (issue #18)"):
     * an EC key made active signs every token, with the header of every Tollgate token, and both
     * providers verify them.
     */
    @Test
    void anEs256ActiveKeySignsTokensThatBothProvidersVerify() throws ParseException {
        KeyRing ring = read(set(TestKeys.ACTIVE, TestKeys.EC), "ec-1");
        TokenMinter minter = new TokenMinter(SigningKeys.fixed(ring), List.of("tollgate"), Clock.systemUTC());

        for (int i = 0; i < 2; i++) {
            String minted = minter.mint(TokenKind.BRAND, "acme", "acme", Set.of("content:read"), Duration.ofMinutes(5))
                    .value();
            JWSHeader header = JWSHeader.parse(new String(Base64.getUrlDecoder().decode(
                    minted.substring(0, minted.indexOf('.'))), StandardCharsets.UTF_8));
            assertThat(header.toJSONObject()).containsOnly(
                    entry("alg", "ES256"), entry("typ", "at+jwt"), entry("kid", "ec-1"));
            for (SignatureCrypto crypto : List.of(SignatureCrypto.jdk(), SignatureCrypto.of(ProviderChoice.NATIVE))) {
                assertThat(new TokenVerifier(ring, Duration.ofSeconds(30), crypto).verify(minted).keyId())
                        .as(crypto.name()).isEqualTo("ec-1");
            }
        }
    }

    @Test
    void theActiveKidPicksTheSigningKeyAndEveryPrivateKeyDerivesASecret() {
        KeyRing ring = read(set(TestKeys.ACTIVE, TestKeys.NEXT, TestKeys.EC.toPublicJWK()), "rs-next");

        assertThat(ring.activeKeyId()).isEqualTo("rs-next");
        assertThat(ring.derivedSecret("pages")).isEqualTo(ring.derivedSecret("rs-next", "pages"));
        assertThat(ring.derivedSecret("rs-active", "pages")).hasSize(32).isNotEqualTo(ring.derivedSecret("pages"));
        assertThat(ring.derivedSecret("ec-1", "pages")).as("a public key derives nothing").isNull();
    }

    @Test
    void aFileThatCannotServeIsRefusedNamingTheKeyAndTheProblem() {
        String rsa = TestKeys.ACTIVE.toJSONString();
        assertRefused("{\"keys\": [" + rsa, null, "The signing keys file is not a JSON object");
        assertRefused("[" + rsa + "]", null, "The signing keys file is not a JSON object");
        assertRefused(rsa, null, "The signing keys file is not a JWK set: it has no \"keys\" array");
        assertRefused("{\"keys\":[]}", null, "The signing key set is empty");
        assertRefused("{\"keys\":[\"" + TestKeys.ACTIVE.getPrivateExponent() + "\"]}", null,
                "Key 1 of the signing keys file is not a JSON object");
        assertRefused("{\"keys\":[" + rsa + ",{\"kty\":\"RSA\",\"kid\":\"k2\",\"alg\":\"RS256\",\"n\":\""
                        + TestKeys.ACTIVE.getPrivateExponent() + "\"}]}", null,
                "Key 2 (kid k2) of the signing keys file is not a valid JWK (details withheld: the file holds"
                        + " private keys)");
        assertRefused(set(new RSAKey.Builder(TestKeys.ACTIVE).keyID(null).build()), null,
                "Key 1 of the signing keys file needs both kid and alg");
        assertRefused(set(new RSAKey.Builder(TestKeys.ACTIVE).algorithm(null).build()), null,
                "Key 1 (kid rs-active) of the signing keys file needs both kid and alg");
        assertRefused(set(TestKeys.ACTIVE, new RSAKey.Builder(TestKeys.NEXT).keyID("rs-active").build()), null,
                "The kid rs-active names two keys of the signing key set");
        assertRefused(set(TestKeys.ACTIVE, TestKeys.EC), "rs-next",
                "No key with kid rs-next in the signing key set (tollgate.issuer.keys.active-kid)");
        assertRefused(set(TestKeys.ACTIVE.toPublicJWK(), TestKeys.EC), null,
                "The active key rs-active has no private part");
        assertRefused(set(new RSAKey.Builder(TestKeys.ACTIVE).algorithm(JWSAlgorithm.HS256).build()), null,
                "The key rs-active names alg HS256, which is not a signature algorithm of RSA keys");
        assertRefused(set(TestKeys.ACTIVE, new RSAKey.Builder(TestKeys.NEXT).algorithm(new JWSAlgorithm("RS1")).build()),
                null, "The key rs-next names alg RS1, which is not a signature algorithm of RSA keys");
    }

    private static void assertRefused(String file, String activeKid, String message) {
        assertThatThrownBy(() -> read(file, activeKid))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    private static KeyRing read(String file, String activeKid) {
        return KeyRingFile.read(new ByteArrayResource(file.getBytes(StandardCharsets.UTF_8)), Tokens.ISSUER,
                activeKid, SignatureCrypto.jdk());
    }

    private static String set(JWK... keys) {
        return new JWKSet(List.of(keys)).toString(false);
    }
}
