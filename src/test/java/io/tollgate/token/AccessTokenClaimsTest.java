package io.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tollgate.support.Tokens;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading a verified token's claims into an {@link AccessToken}, and writing one back. */
class AccessTokenClaimsTest {

    @Test
    void writtenClaimsReadBackAsTheSameToken() throws ParseException {
        AccessToken token = new AccessToken(AccessToken.TOLLGATE, "jti-1", "user-1", TokenKind.OAUTH_USER, "client-a",
                Set.of("profile", "content:read"), List.of("tollgate"), 4_102_441_200L, 4_102_444_800L);

        AccessToken read = AccessTokenClaims.fromClaims(AccessTokenClaims.toClaims(token, Tokens.ISSUER));

        assertThat(read).isEqualTo(token);
        assertThat(read.issuer()).isSameAs(AccessToken.TOLLGATE);
        assertThat(read.scopeString()).isEqualTo("content:read profile");
        assertThat(read.issuedAtEpochSecond()).isEqualTo(4_102_441_200L);
    }

    @Test
    void scopesAreSplitOnAnyRunOfSpaces() throws ParseException {
        assertThat(AccessTokenClaims.fromClaims(claims(" content:write  content:read ")).scopes())
                .containsExactly("content:read", "content:write");
        assertThat(AccessTokenClaims.fromClaims(claims("   ")).scopes()).isEmpty();
        assertThat(AccessTokenClaims.fromClaims(claims(null)).scopes()).isEmpty();
    }

    @Test
    void theKindIsReadWhateverItsCaseAndAnUnknownOneIsRefused() throws ParseException {
        assertThat(AccessTokenClaims.fromClaims(Tokens.brandClaims().claim("kind", "Channel").build()).kind())
                .isEqualTo(TokenKind.CHANNEL);
        assertThatThrownBy(() -> AccessTokenClaims.fromClaims(Tokens.brandClaims().claim("kind", "root").build()))
                .isInstanceOf(ParseException.class);
    }

    private static JWTClaimsSet claims(String scope) {
        return Tokens.brandClaims().claim("scope", scope).build();
    }
}
