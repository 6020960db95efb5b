package io.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.RawHttp;
import io.tollgate.support.RawResponse;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The guard reads a {@code Bearer} token in place in the header's value, and finds its cached
 * verdict by comparing the whole token there ({@code validation.TokenKey}): however the credential
 * is spelt around the token, the token is the same and is admitted from the cache; a token that
 * differs from a cached one in a single character, or is one character shorter, is not that
 * token. Written on raw sockets, so each header reaches the server as written.
 */
class BearerCredentialTest extends IntegrationTest {

    private static final String INVALID_CHALLENGE = "Bearer realm=\"tollgate\", error=\"invalid_token\", "
            + "error_description=\"The access token is invalid\"";
    private static final String INVALID_BODY =
            "{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theSameTokenIsAdmittedFromTheCacheHoweverTheSchemeIsSpelt() throws IOException {
        String token = channelToken();
        for (String credential : new String[] {
            "Bearer " + token, "Bearer " + token, "bearer " + token, "BEARER     " + token
        }) {
            RawResponse response = RawHttp.send(port, "GET", "/demo/bearer/orders", "Authorization: " + credential);
            assertThat(response.status()).as(credential).isEqualTo(200);
            Map<String, Object> echo = JSON.readValue(response.body(), new TypeReference<>() {});
            assertThat(echo).containsEntry("method", "GET").containsEntry("path", "/demo/bearer/orders");
            @SuppressWarnings("unchecked")
            Map<String, String> headers = (Map<String, String>) echo.get("headers");
            assertThat(headers).containsEntry("authorization", credential)
                    .containsEntry("x-auth-subject", "channel_user")
                    .containsEntry("x-auth-issuer", "tollgate");
        }
    }

    @Test
    void aTokenOneCharacterAwayFromACachedOneIsNotIt() throws IOException {
        String token = channelToken();
        for (int i = 0; i < 2; i++) {
            assertThat(RawHttp.send(port, "GET", "/demo/bearer/orders", "Authorization: Bearer " + token).status())
                    .isEqualTo(200);
        }
        // One character of the signature (not its last, whose low bits are padding), one of the
        // claims, and the token without its last character.
        String[] lookAlikes = {
            flipped(token, token.lastIndexOf('.') + 10),
            flipped(token, token.indexOf('.') + 5),
            token.substring(0, token.length() - 1)
        };
        for (String lookAlike : lookAlikes) {
            RawResponse response = RawHttp.send(port, "GET", "/demo/bearer/orders", "Authorization: Bearer " + lookAlike);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.firstHeader("WWW-Authenticate")).isEqualTo(INVALID_CHALLENGE);
            assertThat(response.text()).isEqualTo(INVALID_BODY);
        }
    }

    /**
     * A signature has one spelling: a token whose last character is changed only in the bits
     * beyond the signature's data (which a lenient decoder ignores), or with {@code =} padding
     * appended, decodes to the same signature and is still refused, cached original or not.
     */
    @Test
    void aSignatureSpeltAnotherWayIsRefused() throws IOException {
        String token = channelToken();
        assertThat(RawHttp.send(port, "GET", "/demo/bearer/orders", "Authorization: Bearer " + token).status())
                .isEqualTo(200);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(signature.length() % 4).as("an RS256 signature's last character carries padding bits").isEqualTo(2);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(token.charAt(token.length() - 1));
        String[] respelt = {
            token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 1),
            token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 0x08),
            token + "=="
        };
        for (String other : respelt) {
            RawResponse response = RawHttp.send(port, "GET", "/demo/bearer/orders", "Authorization: Bearer " + other);
            assertThat(response.status()).as(other.substring(other.length() - 3)).isEqualTo(401);
            assertThat(response.firstHeader("WWW-Authenticate")).isEqualTo(INVALID_CHALLENGE);
            assertThat(response.text()).isEqualTo(INVALID_BODY);
        }
    }

    /** {@code token} with the character at {@code index} replaced by another of the Base64url alphabet. */
    private static String flipped(String token, int index) {
        char replacement = token.charAt(index) == 'x' ? 'y' : 'x';
        return token.substring(0, index) + replacement + token.substring(index + 1);
    }
}
