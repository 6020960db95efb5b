package io.tollgate.issuer.oauth;

import io.tollgate.support.Chromium;
import io.tollgate.support.IntegrationTest;
import io.tollgate.support.OAuthBrowserless.Pkce;
import io.tollgate.support.TestCredentials;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the tests that look at the pages in Chromium ({@link Chromium}): one browser for the
 * class, and the steps every such test takes (a fresh sign-out, an authorize URL, waiting for an
 * element).
 */
abstract class BrowserPagesTest extends IntegrationTest {

    protected static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() {
        browser = Chromium.open(900, 900, null);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Deletes the pages' cookies (scoped to the authorize path, so WebDriver must be there): signed out. */
    protected void signOut() {
        browser.get("http://localhost:" + port + "/platform/oauth/authorize");
        browser.manage().deleteAllCookies();
    }

    /** An authorize URL for the test redirect URI, with a fresh PKCE challenge and state {@code pages}. */
    protected String authorize(String clientId, String scope, String display) {
        return "http://localhost:" + port + "/platform/oauth/authorize?client_id=" + clientId + "&redirect_uri="
                + URLEncoder.encode(TestCredentials.REDIRECT_URI, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8).replace("+", "%20")
                + "&state=pages&display=" + display + "&code_challenge=" + Pkce.create().challenge()
                + "&code_challenge_method=S256";
    }

    protected static WebElement waitFor(ChromeDriver driver, By element) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(element));
    }

    protected static WebElement waitFor(By element) {
        return waitFor(browser, element);
    }
}
