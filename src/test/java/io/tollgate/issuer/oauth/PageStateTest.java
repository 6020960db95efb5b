package io.tollgate.issuer.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.issuer.SigningKeys;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.OAuthBrowserless;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.reactive.function.server.MockServerRequest;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The pages' state lives in the browser (a signed cookie and signed form fields), so everything the
 * browser sends back is checked: an altered, foreign, misused or expired value gets the expired
 * page (400), never a 500 and never a sign-in.
 */
class PageStateTest extends IntegrationTest {

    private static final String REDIRECT = URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8);
    private static final String QUERY = "client_id=test-web&redirect_uri=" + REDIRECT + "&state=s";
    private static final String EXPIRED =
            "<p class=\"error\" role=\"alert\">This sign-in page has expired. Start again from the application.</p>";

    @Autowired
    private SigningKeys keys;

    @Test
    void anAlteredCookieOrFormIsTheExpiredPage() {
        OAuthBrowserless browser = new OAuthBrowserless(client, port);
        browser.authorize(QUERY);
        String cookie = browser.session();
        String form = browser.csrf();
        for (String altered : alterations(cookie)) {
            browser.replaceSession(altered);
            assertExpired(browser.login(TestCredentials.USER, TestCredentials.PASSWORD));
        }
        browser.replaceSession(cookie);
        for (String altered : alterations(form)) {
            browser.forgetCsrf(altered);
            assertExpired(browser.login(TestCredentials.USER, TestCredentials.PASSWORD));
        }
        browser.forgetCsrf(form);
        assertThat(browser.login(TestCredentials.USER, TestCredentials.PASSWORD).getStatus())
                .isEqualTo(HttpStatus.SEE_OTHER);
    }

    @Test
    void aFormIsAcceptedOnlyWithTheCookieItWasIssuedTo() {
        OAuthBrowserless victim = new OAuthBrowserless(client, port);
        victim.authorize(QUERY);
        OAuthBrowserless attacker = new OAuthBrowserless(client, port);
        attacker.authorize(QUERY);
        // Login CSRF: the attacker's own form, posted from the victim's browser.
        victim.forgetCsrf(attacker.csrf());
        assertExpired(victim.login(TestCredentials.USER, TestCredentials.PASSWORD));
        // Without any cookie.
        attacker.replaceSession(null);
        assertExpired(attacker.login(TestCredentials.USER, TestCredentials.PASSWORD));
    }

    @Test
    void eachFormServesOnlyItsOwnStep() {
        OAuthBrowserless browser = new OAuthBrowserless(client, port);
        browser.authorize(QUERY);
        String loginForm = browser.csrf();
        String anonymousCookie = browser.session();
        // A login form is no consent, and an anonymous cookie signs nobody in.
        assertExpired(consent(browser, loginForm));
        browser.login(TestCredentials.USER, TestCredentials.PASSWORD);
        assertExpired(consent(browser, loginForm));
        browser.consentPage();
        String consentForm = browser.csrf();
        browser.forgetCsrf(consentForm);
        browser.replaceSession(anonymousCookie);
        assertExpired(consent(browser, consentForm));
        // Nor is a consent form a login form, for the signed-in cookie it was issued to.
        OAuthBrowserless signedIn = new OAuthBrowserless(client, port);
        signedIn.allow(QUERY);
        signedIn.authorize(QUERY);
        assertExpired(signedIn.login(TestCredentials.USER, TestCredentials.PASSWORD));
    }

    @Test
    void anExpiredCookieAndFormAreTheExpiredPage() {
        PageSession session = PageSession.anonymous();
        AuthorizationRequest request = new AuthorizationRequest(TestCredentials.WEB_CLIENT,
                TestCredentials.REDIRECT_URI, false, Set.of("profile"), "web", "s", null, null);
        MockServerRequest http = MockServerRequest.builder().uri(URI.create("http://localhost/")).build();

        // Issued as the server issues them: accepted...
        PageSessions current = sessions(Clock.systemUTC());
        OAuthBrowserless fresh = new OAuthBrowserless(client, port);
        fresh.replaceSession(Secrets.remember(current.cookie(session, http).getValue()));
        fresh.forgetCsrf(Secrets.remember(current.form(PageSessions.LOGIN, session, request)));
        assertThat(fresh.login(TestCredentials.USER, TestCredentials.PASSWORD).getStatus())
                .isEqualTo(HttpStatus.SEE_OTHER);

        // ...but not once their 15 minutes are over.
        PageSessions past = sessions(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-15).minusSeconds(1)));
        OAuthBrowserless stale = new OAuthBrowserless(client, port);
        stale.replaceSession(Secrets.remember(past.cookie(session, http).getValue()));
        stale.forgetCsrf(Secrets.remember(current.form(PageSessions.LOGIN, session, request)));
        assertExpired(stale.login(TestCredentials.USER, TestCredentials.PASSWORD));
        stale.replaceSession(Secrets.remember(current.cookie(session, http).getValue()));
        stale.forgetCsrf(Secrets.remember(past.form(PageSessions.LOGIN, session, request)));
        assertExpired(stale.login(TestCredentials.USER, TestCredentials.PASSWORD));
    }

    @Test
    void aFormWithoutAnyFieldsOrWithAnotherContentTypeIsTheExpiredPage() {
        OAuthBrowserless browser = new OAuthBrowserless(client, port);
        browser.authorize(QUERY);
        assertExpired(browser.post(AuthorizeEndpoint.LOGIN_PATH, new LinkedMultiValueMap<>()));
        EntityExchangeResult<String> json = client.method(HttpMethod.POST).uri(AuthorizeEndpoint.LOGIN_PATH)
                .cookie(OAuthBrowserless.SESSION_COOKIE, browser.session())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"_csrf\":\"" + browser.csrf() + "\"}")
                .exchange().expectBody(String.class).returnResult();
        assertExpired(json);
    }

    private PageSessions sessions(Clock clock) {
        PageKeys pageKeys = PageKeys.of(keys.current(), PageTokens.PURPOSE);
        return new PageSessions(new PageTokens(() -> pageKeys, clock, Duration.ofMinutes(15)));
    }

    private static EntityExchangeResult<String> consent(OAuthBrowserless browser, String form) {
        return browser.post(AuthorizeEndpoint.CONSENT_PATH, new LinkedMultiValueMap<>(Map.of(
                "_csrf", List.of(form), "decision", List.of("allow"))));
    }

    private static void assertExpired(EntityExchangeResult<String> page) {
        assertThat(page.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(page.getResponseHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getResponseHeaders().getLocation()).isNull();
        assertThat(page.getResponseCookies()).doesNotContainKey(OAuthBrowserless.SESSION_COOKIE);
        assertThat(page.getResponseBody()).contains("<title>Cannot continue</title>").contains(EXPIRED);
    }

    /** The value with one character changed in each part, cut short, lengthened, and in other shapes. */
    private static List<String> alterations(String value) {
        String[] parts = value.split("\\.");
        int headerEnd = parts[0].length();
        int payloadEnd = headerEnd + 1 + parts[1].length();
        return List.of(
                flip(value, 5), flip(value, headerEnd + 8), flip(value, payloadEnd + 3), flip(value, value.length() - 2),
                value.substring(0, value.length() - 2), value + "A", parts[0] + "." + parts[1] + ".",
                parts[0] + ".." + parts[2], "eyJhbGciOiJub25lIn0." + parts[1] + ".", "x", "", "%zz", "a.b.c.d.e");
    }

    private static String flip(String value, int index) {
        char replacement = value.charAt(index) == 'A' ? 'B' : 'A';
        return value.substring(0, index) + replacement + value.substring(index + 1);
    }
}
