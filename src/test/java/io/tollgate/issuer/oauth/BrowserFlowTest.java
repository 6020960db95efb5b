package io.tollgate.issuer.oauth;

import static io.tollgate.support.OAuthBrowserless.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Chromium;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.OAuthBrowserless.Pkce;
import io.tollgate.support.Secrets;
import io.tollgate.support.TestCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The authorization-code flow with PKCE in a real browser: Debian's Chromium, driven by Selenium
 * through Debian's chromedriver (both installed by {@code .ci/run}). The browser opens authorize,
 * signs in, consents and lands on a redirect URI served by the test; the test exchanges the code
 * and calls a protected route with the token. Screenshots of the pages go to {@code
 * target/screenshots/} (the ones in {@code docs/} were copied from there).
 */
class BrowserFlowTest extends IntegrationTest {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() throws IOException {
        browser = Chromium.open(900, 900, null);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signInConsentAndCallAProtectedRoute() throws IOException {
        Pkce pkce = Pkce.create();
        clearCookies();
        browser.get(authorizeUrl("browser-allow", pkce));
        waitFor(By.id("sign-in"));
        assertThat(browser.getTitle()).isEqualTo("Sign in");
        screenshot("login.png");

        browser.findElement(By.id("username")).sendKeys(TestCredentials.USER);
        browser.findElement(By.id("password")).sendKeys(TestCredentials.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waitFor(By.id("allow"));
        assertThat(browser.getTitle()).isEqualTo("Allow access?");
        assertThat(browser.findElement(By.className("scopes")).getText()).contains("family").contains("profile");
        screenshot("consent.png");

        browser.findElement(By.id("allow")).click();
        URI landed = landOnRedirectUri();
        Map<String, String> redirect = parameters(landed, false);
        assertThat(redirect).containsEntry("state", "browser-allow").containsEntry("expires_in", "600");
        assertThat(browser.getPageSource()).contains("/callback");

        Map<String, Object> tokens = client.post().uri("/platform/oauth/request_token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=authorization_code&client_id=test-public&code="
                        + Secrets.remember(redirect.get("code")) + "&redirect_uri="
                        + URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8)
                        + "&code_verifier=" + pkce.verifier())
                .exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult().getResponseBody();
        String accessToken = Secrets.remember((String) tokens.get("access_token"));
        Secrets.remember((String) tokens.get("refresh_token"));

        client.get().uri("/demo/bearer/profile").header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.headers['x-auth-subject']").isEqualTo("alice")
                .jsonPath("$.headers['x-auth-client']").isEqualTo("test-public")
                .jsonPath("$.headers['x-auth-scopes']").isEqualTo("family profile");
    }

    @Test
    void denyingConsentSendsTheBrowserBackWithAccessDenied() {
        clearCookies();
        browser.get(authorizeUrl("browser-deny", Pkce.create()));
        waitFor(By.id("sign-in"));
        browser.findElement(By.id("username")).sendKeys(TestCredentials.USER);
        browser.findElement(By.id("password")).sendKeys(TestCredentials.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waitFor(By.id("deny"));
        browser.findElement(By.id("deny")).click();
        assertThat(landOnRedirectUri().toString()).isEqualTo(TestCredentials.REDIRECT_URI
                + "?error=access_denied&status=unauthorized&message=user+canceled&state=browser-deny");
    }

    /**
     * The pages' cookies (WebDriver deletes those the page it is on can see, and they are scoped to
     * the authorize path): each test starts signed out.
     */
    private void clearCookies() {
        browser.get("http://localhost:" + port + "/platform/oauth/authorize");
        browser.manage().deleteAllCookies();
    }

    private String authorizeUrl(String state, Pkce pkce) {
        return "http://localhost:" + port + "/platform/oauth/authorize?client_id=test-public&redirect_uri="
                + URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8)
                + "&scope=profile%20family&state=" + state + "&code_challenge=" + pkce.challenge()
                + "&code_challenge_method=S256";
    }

    private URI landOnRedirectUri() {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.urlContains(TestCredentials.REDIRECT_URI));
        return URI.create(browser.getCurrentUrl());
    }

    private static void waitFor(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(element));
    }

    private static void screenshot(String name) throws IOException {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
