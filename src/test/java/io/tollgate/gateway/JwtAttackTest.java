package io.tollgate.gateway;

import static io.tollgate.gateway.GenuinDialectTest.EXPIRED;
import static io.tollgate.gateway.GenuinDialectTest.INVALID;
import static io.tollgate.gateway.GenuinDialectTest.expect;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestKeys;
import io.tollgate.support.Tokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** Hostile tokens: every one is refused, and so is one that is too long or outside its time window. */
class JwtAttackTest extends IntegrationTest {

    @Test
    void unsecuredAlgNoneIsRefused() {
        String none = Secrets.remember(new PlainJWT(Tokens.brandClaims().build()).serialize());
        expect(gn(none), HttpStatus.UNAUTHORIZED, INVALID);
        String[] parts = Tokens.sign(Tokens.brandClaims().build()).split("\\.");
        String noneHeader = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"rs-active\"}").toString();
        expect(gn(noneHeader + "." + parts[1] + "."), HttpStatus.UNAUTHORIZED, INVALID);
        expect(gn(noneHeader + "." + parts[1] + "." + parts[2]), HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void hmacSignedWithThePublicRsaKeyIsRefused() throws JOSEException {
        byte[] publicKey = TestKeys.ACTIVE.toRSAPublicKey().getEncoded();
        String confused = Tokens.sign(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
                        .keyID(TestKeys.ACTIVE.getKeyID()).build(),
                Tokens.brandClaims().build(), new MACSigner(padTo32(publicKey)));
        expect(gn(confused), HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void aKeyUsedWithAnotherAlgorithmThanItsOwnIsRefused() throws JOSEException {
        String ps256 = Tokens.sign(
                new JWSHeader.Builder(JWSAlgorithm.PS256).type(new JOSEObjectType("at+jwt"))
                        .keyID(TestKeys.ACTIVE.getKeyID()).build(),
                Tokens.brandClaims().build(), new RSASSASigner(TestKeys.ACTIVE));
        expect(gn(ps256), HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void theSecondKeyOfTheRingVerifiesWithItsOwnAlgorithm() throws JOSEException {
        String es256 = Tokens.sign(
                new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                        .keyID(TestKeys.EC.getKeyID()).build(),
                Tokens.brandClaims().build(), new ECDSASigner(TestKeys.EC));
        gn(es256).expectStatus().isOk();
    }

    @Test
    void unknownKidIsRefused() {
        String token = Tokens.sign(Tokens.activeHeader().keyID("no-such-key").build(), Tokens.brandClaims().build(),
                Tokens.activeSigner());
        expect(gn(token), HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void missingKidIsRefused() {
        String token = Tokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .build(), Tokens.brandClaims().build(), Tokens.activeSigner());
        expect(gn(token), HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void anAttackersKeyWithOurKidIsRefused() throws JOSEException {
        String token = Tokens.sign(Tokens.activeHeader().build(), Tokens.brandClaims().build(),
                new RSASSASigner(TestKeys.ATTACKER));
        expect(gn(token), HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void embeddedJwkHeaderIsNeverHonoured() throws JOSEException {
        String attackerSigned = Tokens.sign(
                Tokens.activeHeader().jwk(TestKeys.ATTACKER.toPublicJWK()).build(),
                Tokens.brandClaims().build(), new RSASSASigner(TestKeys.ATTACKER));
        expect(gn(attackerSigned), HttpStatus.UNAUTHORIZED, INVALID);
        String ourKeyButJwkHeader = Tokens.sign(
                Tokens.activeHeader().jwk(TestKeys.ATTACKER.toPublicJWK()).build(),
                Tokens.brandClaims().build(), Tokens.activeSigner());
        expect(gn(ourKeyButJwkHeader), HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void jkuAndX5uHeadersAreNeverHonoured() {
        String jku = Tokens.sign(Tokens.activeHeader().jwkURL(URI.create("https://evil.example/jwks.json")).build(),
                Tokens.brandClaims().build(), Tokens.activeSigner());
        expect(gn(jku), HttpStatus.UNAUTHORIZED, INVALID);
        String x5u = Tokens.sign(Tokens.activeHeader().x509CertURL(URI.create("https://evil.example/cert.pem")).build(),
                Tokens.brandClaims().build(), Tokens.activeSigner());
        expect(gn(x5u), HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void missingTypIsRefused() {
        String token = Tokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(TestKeys.ACTIVE.getKeyID()).build(),
                Tokens.brandClaims().build(), Tokens.activeSigner());
        expect(gn(token), HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void aRequiredClaimMissingIsRefused() {
        for (String claim : new String[] {"jti", "kind", "aud", "sub", "iat"}) {
            JWTClaimsSet without = new JWTClaimsSet.Builder(Tokens.brandClaims().build()).claim(claim, null).build();
            expect(gn(Tokens.sign(without)), HttpStatus.UNAUTHORIZED, INVALID);
        }
    }

    @Test
    void anUnknownKindIsRefused() {
        expect(gn(Tokens.sign(Tokens.brandClaims().claim("kind", "root").build())), HttpStatus.UNAUTHORIZED, INVALID);
    }

    /** The claims part must be strict Base64url even under a good signature: no two readings of one token. */
    @Test
    void signedClaimsOutsideTheBase64urlAlphabetAreRefused() throws JOSEException {
        String claims = Base64URL.encode(Tokens.brandClaims().build().toString()).toString();
        String signingInput = Tokens.activeHeader().build().toBase64URL() + "." + claims.substring(0, 8) + "*"
                + claims.substring(8);
        Base64URL signature = Tokens.activeSigner().sign(Tokens.activeHeader().build(),
                signingInput.getBytes(StandardCharsets.US_ASCII));
        expect(gn(Secrets.remember(signingInput + "." + signature)), HttpStatus.UNAUTHORIZED, INVALID);
    }

    /** nimbus's decoder skips a stray character in the signature; one signature must have one spelling. */
    @Test
    void aSignatureOutsideTheBase64urlAlphabetIsRefused() {
        String token = Tokens.sign(Tokens.brandClaims().build());
        int cut = token.lastIndexOf('.') + 5;
        gn(token).expectStatus().isOk();
        expect(gn(Secrets.remember(token.substring(0, cut) + "*" + token.substring(cut))),
                HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void tokensOver8KiBAreRefusedBeforeParsing() {
        String huge = Tokens.sign(Tokens.brandClaims().claim("padding", "p".repeat(8 * 1024)).build());
        expect(gn(huge), HttpStatus.UNAUTHORIZED, INVALID);
        expect(gn("x".repeat(8193)), HttpStatus.UNAUTHORIZED, INVALID);
    }

    @Test
    void notYetValidIsRefusedBeyondTheSkew() {
        Instant later = Instant.now().plusSeconds(600);
        expect(gn(Tokens.sign(Tokens.brandClaims().notBeforeTime(Date.from(later)).build())),
                HttpStatus.UNAUTHORIZED, INVALID);
        gn(Tokens.sign(Tokens.brandClaims().notBeforeTime(Date.from(Instant.now().plusSeconds(10))).build()))
                .expectStatus().isOk();
    }

    @Test
    void expiryHasABoundedSkew() {
        Instant now = Instant.now();
        gn(Tokens.sign(Tokens.brandClaims().issueTime(Date.from(now.minusSeconds(3600)))
                .expirationTime(Date.from(now.minusSeconds(10))).build()))
                .expectStatus().isOk();
        expect(gn(Tokens.sign(Tokens.brandClaims().issueTime(Date.from(now.minusSeconds(3600)))
                        .expirationTime(Date.from(now.minusSeconds(60))).build())),
                HttpStatus.UNAUTHORIZED, EXPIRED);
    }

    private ResponseSpec gn(String token) {
        return client.get().uri("/demo/genuin/items").header("gn-access-token", token).exchange();
    }

    private static byte[] padTo32(byte[] key) {
        return key.length >= 32 ? key : Arrays.copyOf(key, 32);
    }
}
