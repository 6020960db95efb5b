package io.tollgate.issuer.oauth;

import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.CacheControl;
import org.springframework.util.LinkedMultiValueMap;
import java.time.Duration;
import java.util.List;
import static io.tollgate.support.OAuthBrowserless.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.IntegrationTest;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.OAuthBrowserless.Pkce;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** {@code /platform/oauth/authorize} and its pages over real HTTP, without a browser. */
class AuthorizationFlowTest extends IntegrationTest {

    private static final String REDIRECT = URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8);

    @Test
    void codeFlowWithPkceGivesTokensThatOpenABearerRoute() {
        Pkce pkce = Pkce.create();
        URI location = new OAuthBrowserless(client, port).allow("client_id=test-public&redirect_uri=" + REDIRECT
                + "&scope=profile,family&state=s%201&code_challenge=" + pkce.challenge()
                + "&code_challenge_method=S256");
        assertThat(location.toString()).startsWith(TestCredentials.REDIRECT_URI + "?code=");
        Map<String, String> redirect = parameters(location, false);
        assertThat(redirect).containsOnlyKeys("code", "expires_in", "state")
                .containsEntry("expires_in", "600")
                .containsEntry("state", "s 1");

        Map<String, Object> tokens = tokenRequest("grant_type=authorization_code&client_id=test-public&code="
                + redirect.get("code") + "&redirect_uri=" + REDIRECT + "&code_verifier=" + pkce.verifier())
                .expectStatus().isOk()
                .expectHeader().cacheControl(CacheControl.noStore())
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult().getResponseBody();
        assertThat(tokens).containsOnlyKeys("access_token", "token_type", "expires_in", "refresh_token", "scope")
                .containsEntry("token_type", "bearer")
                .containsEntry("expires_in", 86400)
                .containsEntry("scope", "family profile");
        String accessToken = Secrets.remember((String) tokens.get("access_token"));
        Secrets.remember((String) tokens.get("refresh_token"));

        client.get().uri("/demo/bearer/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("alice")
                .jsonPath("$.headers['x-auth-kind']").isEqualTo("oauth-user")
                .jsonPath("$.headers['x-auth-client']").isEqualTo("test-public");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() {
        EntityExchangeResult<String> page = new OAuthBrowserless(client, port)
                .authorize("client_id=test-web&redirect_uri=" + REDIRECT);
        assertThat(page.getStatus()).isEqualTo(HttpStatus.OK);
        ResponseCookie cookie = page.getResponseCookies().getFirst(OAuthBrowserless.SESSION_COOKIE);
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        assertThat(cookie.isSecure()).isFalse();
        assertThat(cookie.getPath()).isEqualTo("/platform/oauth/authorize");
        assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofMinutes(15));
        assertThat(page.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
        assertThat(page.getResponseHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.getResponseBody()).contains("name=\"_csrf\"").contains("test-web");
    }

    @Test
    void manyFlowsInARowOnKeepAliveConnectionsAllComplete() {
        for (int i = 0; i < 40; i++) {
            assertThat(new OAuthBrowserless(client, port).allow("client_id=test-web&redirect_uri=" + REDIRECT)
                    .toString()).startsWith(TestCredentials.REDIRECT_URI + "?code=");
        }
    }

    @Test
    void theSessionIdChangesAtSignIn() {
        OAuthBrowserless browser = new OAuthBrowserless(client, port);
        String before = browser.authorize("client_id=test-web&redirect_uri=" + REDIRECT)
                .getResponseCookies().getFirst(OAuthBrowserless.SESSION_COOKIE).getValue();
        EntityExchangeResult<String> login = browser.login(TestCredentials.USER, TestCredentials.PASSWORD);
        assertThat(login.getStatus()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(login.getResponseCookies().getFirst(OAuthBrowserless.SESSION_COOKIE).getValue()).isNotEqualTo(before);
    }

    @Test
    void aSignedInBrowserGoesStraightToTheConsentPage() {
        OAuthBrowserless browser = new OAuthBrowserless(client, port);
        browser.allow("client_id=test-web&redirect_uri=" + REDIRECT);
        EntityExchangeResult<String> again = browser.authorize("client_id=test-web&redirect_uri=" + REDIRECT
                + "&scope=profile&state=twice");
        assertThat(again.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(again.getResponseBody()).contains("<title>Allow access?</title>")
                .contains("<code class=\"scope-id\">profile</code>")
                .doesNotContain("<code class=\"scope-id\">family</code>");
        assertThat(parameters(browser.decide("allow"), false)).containsKeys("code").containsEntry("state", "twice");
    }

    @Test
    void theSignInSendsTheBrowserBackToAuthorizeWithTheSameRequest() {
        OAuthBrowserless browser = new OAuthBrowserless(client, port);
        browser.authorize("client_id=test-web&redirect_uri=" + REDIRECT + "&scope=family,profile&display=mobile"
                + "&state=a%2Bb%20c%26d");
        EntityExchangeResult<String> login = browser.login(TestCredentials.USER, TestCredentials.PASSWORD);
        assertThat(login.getStatus()).isEqualTo(HttpStatus.SEE_OTHER);
        assertThat(login.getResponseHeaders().getLocation()).hasToString("/platform/oauth/authorize?client_id=test-web"
                + "&redirect_uri=" + REDIRECT + "&response_type=code&scope=family+profile&display=mobile"
                + "&state=a%2Bb+c%26d");
        assertThat(browser.consentPage().getResponseBody()).contains("<body class=\"mobile\">");
        assertThat(parameters(browser.decide("allow"), false)).containsEntry("state", "a+b c&d");
    }

    @Test
    void theConsentPageIsNotOpenedDirectly() {
        client.get().uri("/platform/oauth/authorize/consent").exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("<p class=\"error\" role=\"alert\">Open this page from the application.</p>"));
    }

    @Test
    void unknownClientIsAnErrorPageNeverARedirect() {
        EntityExchangeResult<String> page = new OAuthBrowserless(client, port)
                .authorize("client_id=nobody&redirect_uri=" + REDIRECT + "&state=x");
        assertThat(page.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(page.getResponseHeaders().getLocation()).isNull();
        assertThat(page.getResponseHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getResponseBody()).contains("This application is not registered.");
    }

    @Test
    void unregisteredRedirectUriIsAnErrorPageNeverARedirect() {
        for (String uri : new String[] {"https://evil.example/callback", TestCredentials.REDIRECT_URI + "/",
            TestCredentials.REDIRECT_URI + "?x=1", ""}) {
            EntityExchangeResult<String> page = new OAuthBrowserless(client, port).authorize(
                    "client_id=test-web&redirect_uri=" + URLEncoder.encode(uri, StandardCharsets.UTF_8));
            assertThat(page.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(page.getResponseHeaders().getLocation()).isNull();
            assertThat(page.getResponseBody()).contains("The redirect URI is not registered for this application.");
        }
    }

    @Test
    void otherProblemsRedirectWithAnErrorAndTheState() {
        assertRedirectError("client_id=test-web&redirect_uri=" + REDIRECT + "&response_type=id_token&state=k",
                "unsupported_response_type");
        assertRedirectError("client_id=test-web&redirect_uri=" + REDIRECT + "&scope=admin&state=k", "invalid_scope");
        assertRedirectError("client_id=test-public&redirect_uri=" + REDIRECT + "&state=k", "invalid_request");
        assertRedirectError("client_id=test-public&redirect_uri=" + REDIRECT + "&state=k&code_challenge="
                + Pkce.create().challenge() + "&code_challenge_method=plain", "invalid_request");
    }

    @Test
    void implicitFlowPutsTheTokenInTheFragment() {
        URI location = new OAuthBrowserless(client, port).allow("client_id=test-web&redirect_uri=" + REDIRECT
                + "&response_type=token&scope=profile&state=abc");
        assertThat(location.getRawQuery()).isNull();
        Map<String, String> fragment = parameters(location, true);
        assertThat(fragment).containsOnlyKeys("access_token", "token_type", "expires_in", "state")
                .containsEntry("token_type", "bearer")
                .containsEntry("expires_in", "86400")
                .containsEntry("state", "abc");
        client.get().uri("/demo/bearer/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + Secrets.remember(fragment.get("access_token")))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void denyingConsentRedirectsWithGenisAnswer() {
        OAuthBrowserless browser = new OAuthBrowserless(client, port);
        browser.authorize("client_id=test-web&redirect_uri=" + REDIRECT + "&state=xyz");
        browser.login(TestCredentials.USER, TestCredentials.PASSWORD);
        browser.consentPage();
        assertThat(browser.decide("deny").toString()).isEqualTo(TestCredentials.REDIRECT_URI
                + "?error=access_denied&status=unauthorized&message=user+canceled&state=xyz");
    }

    @Test
    void formsWithoutTheSessionsCsrfTokenAreRefused() {
        OAuthBrowserless browser = new OAuthBrowserless(client, port);
        browser.authorize("client_id=test-web&redirect_uri=" + REDIRECT);
        browser.forgetCsrf("forged");
        EntityExchangeResult<String> login = browser.login(TestCredentials.USER, TestCredentials.PASSWORD);
        assertThat(login.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(login.getResponseBody()).contains("This sign-in page has expired.");

        OAuthBrowserless signedIn = new OAuthBrowserless(client, port);
        signedIn.authorize("client_id=test-web&redirect_uri=" + REDIRECT);
        signedIn.login(TestCredentials.USER, TestCredentials.PASSWORD);
        signedIn.consentPage();
        signedIn.forgetCsrf("forged");
        assertThat(signedIn.post("/platform/oauth/authorize/consent",
                        new LinkedMultiValueMap<>(Map.of("decision",
                                List.of("allow"), "_csrf", List.of("forged")))).getStatus())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        OAuthBrowserless browser = new OAuthBrowserless(client, port);
        browser.authorize("client_id=test-web&redirect_uri=" + REDIRECT);
        EntityExchangeResult<String> wrongPassword = browser.login(TestCredentials.USER, "not-the-password");
        EntityExchangeResult<String> unknownUser = browser.login("mallory", "whatever");
        assertThat(wrongPassword.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(unknownUser.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(wrongPassword.getResponseBody()).contains("Wrong username or password.");
        assertThat(unknownUser.getResponseBody()).contains("Wrong username or password.");
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
        String user = TestCredentials.LOCKOUT_USERS.get(0);
        OAuthBrowserless browser = new OAuthBrowserless(client, port);
        browser.authorize("client_id=test-web&redirect_uri=" + REDIRECT);
        for (int i = 0; i < 5; i++) {
            assertThat(browser.login(user, "wrong-" + i).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        EntityExchangeResult<String> locked = browser.login(user, TestCredentials.LOCKOUT_PASSWORD);
        assertThat(locked.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(locked.getResponseBody()).contains("Too many failed sign-ins. Try again later.");
    }

    @Test
    void displayPicksThePageLayout() {
        for (String display : new String[] {"web", "mobile", "desktop", "iframe"}) {
            EntityExchangeResult<String> page = new OAuthBrowserless(client, port)
                    .authorize("client_id=test-web&redirect_uri=" + REDIRECT + "&display=" + display);
            assertThat(page.getResponseBody()).contains("<body class=\"" + display + "\">");
            assertThat(page.getResponseHeaders().getFirst("X-Frame-Options"))
                    .isEqualTo("iframe".equals(display) ? null : "DENY");
        }
    }

    private void assertRedirectError(String query, String error) {
        EntityExchangeResult<String> response = new OAuthBrowserless(client, port).authorize(query);
        assertThat(response.getStatus()).isEqualTo(HttpStatus.SEE_OTHER);
        Map<String, String> redirect = parameters(response.getResponseHeaders().getLocation(), false);
        assertThat(redirect).containsEntry("error", error).containsEntry("state", "k").containsKey("error_description");
    }

    private ResponseSpec tokenRequest(String form) {
        return client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange();
    }
}
