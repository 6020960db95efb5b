package io.tollgate.issuer.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Chromium;
import io.tollgate.support.TestCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a person sees on the sign-in and consent pages, in a real browser: the client's name and
 * logo instead of its id, each scope's description beside its id, in the person's language
 * ({@code Accept-Language}, or the client's {@code ui_locales}), in the mobile layout on a phone's
 * screen, and nothing fetched from anywhere but Tollgate. Saves the German and the mobile
 * screenshots of the README to {@code target/screenshots/}.
 */
class PagesBrowserTest extends BrowserPagesTest {

    /** Where the screenshots go (the ones in docs/screenshots/ were copied from there), as BrowserFlowTest's. */
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @Test
    void thePagesNameTheClientThePersonAndWhatEachScopeMeans() {
        signOut();
        browser.get(authorize(TestCredentials.PUBLIC_CLIENT, "profile family", "web"));
        waitFor(By.id("sign-in"));
        assertThat(browser.findElement(By.cssSelector(".lead")).getText())
                .isEqualTo("to continue to " + TestCredentials.PUBLIC_CLIENT_NAME);
        assertThat(browser.getPageSource()).contains("Family Tree &lt;Test&gt; &amp; Co");
        WebElement logo = browser.findElement(By.cssSelector(".logo img"));
        assertThat(logo.getAttribute("src")).isEqualTo(TestCredentials.PUBLIC_CLIENT_LOGO);
        assertThat(logo.getAttribute("naturalWidth")).isEqualTo("96");

        signIn();
        waitFor(By.id("allow"));
        assertThat(browser.findElement(By.cssSelector(".lead")).getText())
                .isEqualTo(TestCredentials.PUBLIC_CLIENT_NAME + " asks to act for alice with these permissions:");
        assertThat(browser.findElements(By.cssSelector("ul.scopes li")).stream().map(WebElement::getText).toList())
                .containsExactly("See your family tree and the people in it family",
                        "See your name and profile photo profile");
        assertThat(browser.findElements(By.cssSelector("ul.scopes li code")).stream().map(WebElement::getText).toList())
                .containsExactly("family", "profile");
        assertNothingFetchedFromElsewhere();
    }

    @Test
    void aClientWithoutANameIsCalledByItsIdAndAScopeOutsideTheCatalogueByItsId() {
        signOut();
        browser.get(authorize(TestCredentials.WEB_CLIENT, "content:read profile", "web"));
        waitFor(By.id("sign-in"));
        assertThat(browser.findElement(By.cssSelector(".lead")).getText()).isEqualTo("to continue to test-web");
        assertThat(browser.findElements(By.cssSelector(".logo img"))).isEmpty();
        signIn();
        waitFor(By.id("allow"));
        assertThat(browser.findElements(By.cssSelector("ul.scopes li")).stream().map(WebElement::getText).toList())
                .containsExactly("content:read", "See your name and profile photo profile");
    }

    @Test
    void thePageAllowsTheLogosSourceAndNoOther() {
        assertThat(policyOf(TestCredentials.PUBLIC_CLIENT)).contains("; img-src data:; ")
                .doesNotContain("https:").doesNotContain("unsafe");
        assertThat(policyOf(TestCredentials.WEB_CLIENT)).startsWith("default-src 'none'; ").doesNotContain("img-src");
    }

    @Test
    void theBuiltInStylesheetIsServedByTollgate() {
        client.get().uri(PageStylesheet.PATH).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("text/css;charset=UTF-8")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectBody(String.class).value(css -> assertThat(css).contains("--accent: #2457d6"));
    }

    private String policyOf(String clientId) {
        return client.get().uri(URI.create(authorize(clientId, "profile", "web"))).exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseHeaders()
                .getFirst("Content-Security-Policy");
    }

    @Test
    void aGermanBrowserGetsGermanPagesAndScopeDescriptions() throws IOException {
        ChromeDriver german = Chromium.open(900, 900, "de-DE,de");
        try {
            german.get(authorize(TestCredentials.PUBLIC_CLIENT, "profile family", "web"));
            waitFor(german, By.id("sign-in"));
            assertThat(german.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
            assertThat(german.getTitle()).isEqualTo("Anmelden");
            assertThat(german.findElement(By.cssSelector(".lead")).getText())
                    .isEqualTo("um zu " + TestCredentials.PUBLIC_CLIENT_NAME + " zu gelangen");
            assertThat(german.findElement(By.cssSelector("label[for=username]")).getText()).isEqualTo("Benutzername");
            assertThat(german.findElement(By.tagName("footer")).getText()).isEqualTo("Geschützt durch Tollgate");
            screenshot(german, "login-de.png");

            german.findElement(By.id("username")).sendKeys("niemand");
            german.findElement(By.id("password")).sendKeys("falsch");
            german.findElement(By.id("sign-in")).click();
            assertThat(waitFor(german, By.id("sign-in-error")).getText())
                    .isEqualTo("Benutzername oder Passwort ist falsch.");

            german.findElement(By.id("username")).sendKeys(TestCredentials.USER);
            german.findElement(By.id("password")).sendKeys(TestCredentials.PASSWORD);
            german.findElement(By.id("sign-in")).click();
            waitFor(german, By.id("allow"));
            assertThat(german.getTitle()).isEqualTo("Zugriff erlauben?");
            assertThat(german.findElements(By.cssSelector("ul.scopes li")).stream().map(WebElement::getText).toList())
                    .containsExactly("Ihren Stammbaum und die Personen darin sehen family",
                            "Ihren Namen und Ihr Profilfoto sehen profile");
            assertThat(german.findElement(By.id("allow")).getText()).isEqualTo("Erlauben");
            screenshot(german, "consent-de.png");
        } finally {
            german.quit();
        }
    }

    @Test
    void uiLocalesWinsOverAcceptLanguageAndStaysThroughTheSignIn() {
        signOut();
        browser.get(authorize(TestCredentials.PUBLIC_CLIENT, "profile", "web") + "&ui_locales=tlh%20fr-CA%20de");
        waitFor(browser, By.id("sign-in"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        assertThat(browser.getTitle()).isEqualTo("Connexion");
        signIn();
        waitFor(browser, By.id("allow"));
        assertThat(browser.getTitle()).isEqualTo("Autoriser l'accès ?");
        assertThat(browser.findElement(By.cssSelector("ul.scopes li")).getText())
                .isEqualTo("Voir votre nom et votre photo de profil profile");
        assertThat(browser.findElement(By.id("deny")).getText()).isEqualTo("Annuler");
    }

    @Test
    void anUnsupportedLanguageGetsEnglishAndSpanishIsShipped() {
        assertThat(client.get().uri(URI.create(authorize(TestCredentials.PUBLIC_CLIENT, "profile", "web")))
                .header("Accept-Language", "ja-JP, ja;q=0.9").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .contains("<html lang=\"en\">").contains("<title>Sign in</title>");
        assertThat(client.get().uri(URI.create(authorize(TestCredentials.PUBLIC_CLIENT, "profile", "web")))
                .header("Accept-Language", "es-MX, en;q=0.5").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .contains("<html lang=\"es\">").contains("<title>Iniciar sesión</title>");
    }

    @Test
    void theMobileLayoutFillsANarrowScreen() throws IOException {
        ChromeDriver phone = Chromium.open(390, 844, null);
        try {
            phone.get(authorize(TestCredentials.PUBLIC_CLIENT, "profile family", "mobile"));
            waitFor(phone, By.id("sign-in"));
            assertThat(phone.findElement(By.tagName("body")).getAttribute("class")).isEqualTo("mobile");
            assertThat(phone.findElement(By.tagName("main")).getCssValue("margin-left")).isEqualTo("0px");
            screenshot(phone, "login-mobile.png");
            phone.findElement(By.id("username")).sendKeys(TestCredentials.USER);
            phone.findElement(By.id("password")).sendKeys(TestCredentials.PASSWORD);
            phone.findElement(By.id("sign-in")).click();
            waitFor(phone, By.id("allow"));
            screenshot(phone, "consent-mobile.png");
        } finally {
            phone.quit();
        }
    }

    private static void screenshot(ChromeDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every resource the page loaded came from Tollgate itself (or is inline). */
    private static void assertNothingFetchedFromElsewhere() {
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)");
        String origin = (String) browser.executeScript("return location.origin");
        assertThat(fetched).allSatisfy(url -> assertThat(url).startsWith(origin + "/"));
    }

    private static void signIn() {
        browser.findElement(By.id("username")).sendKeys(TestCredentials.USER);
        browser.findElement(By.id("password")).sendKeys(TestCredentials.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
    }
}
