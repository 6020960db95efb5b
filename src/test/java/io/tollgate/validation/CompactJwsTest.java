package io.tollgate.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSObject;
import io.tollgate.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.junit.jupiter.api.Test;

/** Cutting a compact JWS as nimbus's {@code JWSObject.parse} does, but with the JDK's strict decoder. */
class CompactJwsTest {

    private final String token = Tokens.sign(Tokens.brandClaims().build());

    @Test
    void thePartsAndTheSigningInputAreNimbussOwn() throws ParseException {
        JWSObject nimbus = JWSObject.parse(token);

        CompactJws jws = CompactJws.split(token);

        assertThat(jws.header()).isEqualTo(nimbus.getHeader().toBase64URL().toString());
        assertThat(jws.signingInput()).isEqualTo(nimbus.getSigningInput());
        assertThat(jws.signature()).isEqualTo(nimbus.getSignature());
        assertThat(jws.signature().decode()).isEqualTo(nimbus.getSignature().decode());
        assertThat(new String(jws.claimsJson(), StandardCharsets.UTF_8)).isEqualTo(nimbus.getPayload().toString());
    }

    @Test
    void anythingButThreePartsIsRefused() {
        String[] parts = token.split("\\.");
        String[] cuts = {"", parts[0], parts[0] + "." + parts[1], token + ".", token + "." + parts[2] + ".x"};
        for (String cut : cuts) {
            assertThatThrownBy(() -> CompactJws.split(cut)).as(cut).isInstanceOf(ParseException.class);
        }
    }

    @Test
    void aTokenInAHeaderValueIsCutAsTheTokenAlone() throws ParseException {
        String credential = "Bearer " + token;

        CompactJws jws = CompactJws.split(credential, 7, credential.getBytes(StandardCharsets.UTF_8));

        CompactJws alone = CompactJws.split(token);
        assertThat(jws.header()).isEqualTo(alone.header());
        assertThat(jws.signingInput()).isEqualTo(alone.signingInput());
        assertThat(jws.claimsJson()).isEqualTo(alone.claimsJson());
        assertThat(jws.signature()).isEqualTo(alone.signature());
    }

    /** nimbus's header decoder skips characters outside the alphabet; none gets that far. */
    @Test
    void aTokenWithACharacterOutsideAsciiIsRefused() {
        int cut = token.indexOf('.') - 2;
        for (String odd : new String[] {"\u00e9", "\u0100", "\u20ac"}) {
            String spoilt = token.substring(0, cut) + odd + token.substring(cut);
            assertThatThrownBy(() -> CompactJws.split(spoilt)).as(odd).isInstanceOf(ParseException.class);
        }
    }

    @Test
    void anEmptySignatureIsRefused() {
        assertThatThrownBy(() -> CompactJws.split(token.substring(0, token.lastIndexOf('.') + 1)))
                .isInstanceOf(ParseException.class);
    }

    /** nimbus's decoder skips such a character; the JDK's refuses it, so one signature has one spelling. */
    @Test
    void aSignatureOutsideTheBase64urlAlphabetIsRefused() {
        int cut = token.lastIndexOf('.') + 5;
        for (String odd : new String[] {"*", "+", "/", " "}) {
            String spoilt = token.substring(0, cut) + odd + token.substring(cut);
            assertThatThrownBy(() -> CompactJws.split(spoilt)).as(odd).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void claimsOutsideTheAlphabetAreRefusedWhenRead() throws ParseException {
        int cut = token.indexOf('.') + 5;
        CompactJws jws = CompactJws.split(token.substring(0, cut) + "*" + token.substring(cut));

        assertThatThrownBy(jws::claimsJson).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyReadOfTheSignatureGetsItsOwnCopy() throws ParseException {
        CompactJws jws = CompactJws.split(token);
        byte[] first = jws.signature().decode();
        first[0] ^= 1;

        assertThat(jws.signature().decode()).isNotEqualTo(first);
    }
}
