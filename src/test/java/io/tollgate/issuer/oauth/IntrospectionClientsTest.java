package io.tollgate.issuer.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import io.tollgate.support.Introspection;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Introspection as real RFC 7662 clients do it, over real HTTP: authlib (Debian's python3-authlib,
 * run by {@code /usr/bin/python3}: its {@code OAuth2Session.introspect_token}, with both client
 * authentication methods) and nimbus oauth2-oidc-sdk ({@code TokenIntrospectionRequest} with {@code
 * ClientSecretBasic}, sent by its own HTTP layer and parsed by {@code TokenIntrospectionResponse}).
 * Each asserts what the library itself parsed.
 */
class IntrospectionClientsTest extends IntegrationTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void authlibParsesTheAnswersForAPersonsTokenItsRefreshTokenAndAnInactiveOne() throws Exception {
        Map<String, Object> tokens = Introspection.personTokens(client);
        String access = (String) tokens.get("access_token");
        String refresh = (String) tokens.get("refresh_token");
        JWTClaimsSet claims = SignedJWT.parse(access).getJWTClaimsSet();

        JsonNode answers = authlib("client_secret_basic", TestCredentials.TRUSTED_CLIENT, TestCredentials.TRUSTED_SECRET,
                List.of(request(access, null), request(refresh, "refresh_token"), request("not.a.token", "access_token")));

        assertThat(answers.size()).isEqualTo(3);
        assertThat(answers.get(0).get("status").asInt()).isEqualTo(200);
        JsonNode active = answers.get(0).get("body");
        assertThat(fieldNames(active)).containsExactly("active", "scope", "client_id", "username", "token_type", "exp", "iat",
                "nbf", "sub", "aud", "iss", "jti", "kind");
        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("scope").asString()).isEqualTo("family profile");
        assertThat(active.get("client_id").asString()).isEqualTo(TestCredentials.TRUSTED_CLIENT);
        assertThat(active.get("username").asString()).isEqualTo(TestCredentials.USER);
        assertThat(active.get("token_type").asString()).isEqualTo("bearer");
        assertThat(active.get("exp").asLong()).isEqualTo(claims.getExpirationTime().toInstant().getEpochSecond());
        assertThat(active.get("iat").asLong()).isEqualTo(claims.getIssueTime().toInstant().getEpochSecond());
        assertThat(active.get("nbf").asLong()).isEqualTo(claims.getIssueTime().toInstant().getEpochSecond());
        assertThat(active.get("sub").asString()).isEqualTo(TestCredentials.USER);
        assertThat(active.get("aud").get(0).asString()).isEqualTo("tollgate");
        assertThat(active.get("iss").asString()).isEqualTo(Introspection.ISSUER);
        assertThat(active.get("jti").asString()).isEqualTo(claims.getJWTID());
        assertThat(active.get("kind").asString()).isEqualTo("oauth-user");

        assertThat(answers.get(1).get("status").asInt()).isEqualTo(200);
        JsonNode grant = answers.get(1).get("body");
        assertThat(fieldNames(grant)).containsExactly("active", "scope", "client_id", "username", "sub", "exp", "iss");
        assertThat(grant.get("active").asBoolean()).isTrue();
        assertThat(grant.get("client_id").asString()).isEqualTo(TestCredentials.TRUSTED_CLIENT);
        assertThat(grant.get("username").asString()).isEqualTo(TestCredentials.USER);

        assertThat(answers.get(2).get("status").asInt()).isEqualTo(200);
        assertThat(JSON.writeValueAsString(answers.get(2).get("body"))).isEqualTo(Introspection.INACTIVE);
    }

    @Test
    void authlibWithTheSecretInTheBodySeesAnAppTokenAndAnotherClientsRefreshTokenAsInactive() throws Exception {
        String app = Introspection.appToken(client, "content:read");
        String othersRefresh = (String) Introspection.personTokens(client).get("refresh_token");

        JsonNode answers = authlib("client_secret_post", TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET,
                List.of(request(app, null), request(othersRefresh, "refresh_token")));

        JsonNode active = answers.get(0).get("body");
        assertThat(answers.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("kind").asString()).isEqualTo("oauth-app");
        assertThat(active.get("sub").asString()).isEqualTo(TestCredentials.WEB_CLIENT);
        assertThat(active.get("scope").asString()).isEqualTo("content:read");
        assertThat(active.has("username")).isFalse();
        assertThat(answers.get(1).get("status").asInt()).isEqualTo(200);
        assertThat(JSON.writeValueAsString(answers.get(1).get("body"))).isEqualTo(Introspection.INACTIVE);
    }

    @Test
    void authlibWithAWrongSecretGetsInvalidClient() throws Exception {
        String wrong = Secrets.remember("wrong-authlib-secret-5e0c");
        JsonNode answers = authlib("client_secret_basic", TestCredentials.WEB_CLIENT, wrong,
                List.of(request(brandToken(), null)));
        assertThat(answers.get(0).get("status").asInt()).isEqualTo(401);
        assertThat(JSON.writeValueAsString(answers.get(0).get("body")))
                .isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");
    }

    @Test
    void nimbusParsesAnActiveBrandToken() throws Exception {
        String token = brandToken();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

        TokenIntrospectionResponse response = nimbus(new TokenIntrospectionRequest(endpoint(), basicAuth(TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET),
                        new BearerAccessToken(token)));

        assertThat(response.indicatesSuccess()).isTrue();
        TokenIntrospectionSuccessResponse active = response.toSuccessResponse();
        assertThat(active.isActive()).isTrue();
        assertThat(active.getScope()).isEqualTo(Scope.parse("content:read content:write"));
        assertThat(active.getClientID()).isEqualTo(new ClientID("acme"));
        assertThat(active.getUsername()).isNull();
        assertThat(active.getTokenType()).isEqualTo(AccessTokenType.BEARER);
        assertThat(active.getExpirationTime()).isEqualTo(claims.getExpirationTime());
        assertThat(active.getIssueTime()).isEqualTo(claims.getIssueTime());
        assertThat(active.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(active.getSubject()).isEqualTo(new Subject("acme"));
        assertThat(active.getAudience()).isEqualTo(List.of(new Audience("tollgate")));
        assertThat(active.getIssuer()).isEqualTo(new Issuer(Introspection.ISSUER));
        assertThat(active.getJWTID()).isEqualTo(new JWTID(claims.getJWTID()));
        assertThat(active.getStringParameter("kind")).isEqualTo("brand");
    }

    @Test
    void nimbusParsesARefreshTokenForItsClientAndInactiveForAnother() throws Exception {
        String refresh = (String) Introspection.personTokens(client).get("refresh_token");

        TokenIntrospectionSuccessResponse own = nimbus(new TokenIntrospectionRequest(endpoint(),
                        basicAuth(TestCredentials.TRUSTED_CLIENT, TestCredentials.TRUSTED_SECRET), new RefreshToken(refresh)))
                .toSuccessResponse();
        assertThat(own.isActive()).isTrue();
        assertThat(own.getClientID()).isEqualTo(new ClientID(TestCredentials.TRUSTED_CLIENT));
        assertThat(own.getUsername()).isEqualTo(TestCredentials.USER);
        assertThat(own.getSubject()).isEqualTo(new Subject(TestCredentials.USER));
        assertThat(own.getScope()).isEqualTo(Scope.parse("family profile"));
        assertThat(own.getTokenType()).isNull();
        assertThat(own.getExpirationTime()).isInTheFuture();

        TokenIntrospectionSuccessResponse others = nimbus(new TokenIntrospectionRequest(endpoint(),
                        basicAuth(TestCredentials.WEB_CLIENT, TestCredentials.WEB_SECRET), new RefreshToken(refresh)))
                .toSuccessResponse();
        assertThat(others.isActive()).isFalse();
        assertThat(others.toJSONObject()).isEqualTo(Map.of("active", false));
    }

    @Test
    void nimbusParsesTheRefusalOfAWrongSecret() throws Exception {
        String wrong = Secrets.remember("wrong-nimbus-secret-81d4");
        TokenIntrospectionResponse response = nimbus(new TokenIntrospectionRequest(endpoint(), basicAuth(TestCredentials.WEB_CLIENT, wrong),
                        new BearerAccessToken(brandToken())));
        assertThat(response.indicatesSuccess()).isFalse();
        ErrorObject error = response.toErrorResponse().getErrorObject();
        assertThat(error.getCode()).isEqualTo(OAuth2Error.INVALID_CLIENT.getCode());
        assertThat(error.getDescription()).isEqualTo("Client authentication failed");
        assertThat(error.getHTTPStatusCode()).isEqualTo(401);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + port + Introspection.PATH);
    }

    private static ClientSecretBasic basicAuth(String clientId, String secret) {
        return new ClientSecretBasic(new ClientID(clientId), new Secret(secret));
    }

    /** Sends the request with nimbus's own HTTP layer and parses the answer as nimbus does. */
    private static TokenIntrospectionResponse nimbus(TokenIntrospectionRequest request)
            throws IOException, ParseException {
        HTTPResponse http = request.toHTTPRequest().send();
        return TokenIntrospectionResponse.parse(http);
    }

    private static Map<String, Object> request(String token, String hint) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("token", token);
        request.put("hint", hint);
        return request;
    }

    /** Runs the authlib script with the job on its standard input; its parsed answers. */
    private JsonNode authlib(String method, String clientId, String secret, List<Map<String, Object>> requests)
            throws IOException, InterruptedException, URISyntaxException {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("url", endpoint().toString());
        job.put("client_id", clientId);
        job.put("client_secret", secret);
        job.put("auth_method", method);
        job.put("requests", requests);
        Path script = Path.of(IntrospectionClientsTest.class.getResource("/introspection/authlib_introspect.py").toURI());
        Path errors = Files.createDirectories(Path.of("target", "introspection")).resolve("authlib-stderr.txt");
        Process python = new ProcessBuilder(PYTHON, script.toString())
                .redirectError(ProcessBuilder.Redirect.to(errors.toFile()))
                .start();
        try {
            python.getOutputStream().write(JSON.writeValueAsBytes(job));
            python.getOutputStream().close();
            byte[] out = python.getInputStream().readAllBytes();
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("authlib finished").isTrue();
            assertThat(python.exitValue()).as("authlib's exit status; its errors: %s", Files.readString(errors)).isZero();
            return JSON.readTree(out);
        } finally {
            python.destroy();
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        return new ArrayList<>(object.propertyNames());
    }
}
