package io.tollgate.issuer.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.TestCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An operator's theme, read from override directories at start: a footer template and a
 * stylesheet of their own (the example of docs/THEMING.md), with every other template still the
 * built-in one, and the pages still fetching nothing but Tollgate's stylesheet.
 */
class ThemedPagesTest extends BrowserPagesTest {

    static final String FOOTER = """
            <!DOCTYPE html>
            <html xmlns:th="http://www.thymeleaf.org">
            <body>
            <footer th:fragment="footer">Acme Family Tree &middot; <a href="https://acme.example/help">Help</a></footer>
            </body>
            </html>
            """;
    static final String CSS = """
            :root { --background: #fff8ec; --text: #2b1d0e; --accent: #8a3b12; --on-accent: #ffffff; }
            body { background: var(--background); color: var(--text); font-family: Georgia, serif; }
            main { max-width: 26rem; margin: 8vh auto; padding: 2rem; }
            button { background: var(--accent); color: var(--on-accent); border: 0; padding: .75rem 1rem; }
            label { display: block; }
            """;
    private static final Path THEME = theme();

    @DynamicPropertySource
    static void themeDirectories(DynamicPropertyRegistry registry) {
        registry.add("tollgate.pages.templates-dir", () -> THEME.resolve("templates").toString());
        registry.add("tollgate.pages.static-dir", () -> THEME.resolve("static").toString());
    }

    @Test
    void theOperatorsStylesheetIsServedInsteadOfTheBuiltInOne() {
        client.get().uri(PageStylesheet.PATH).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("text/css;charset=UTF-8")
                .expectBody(String.class).isEqualTo(CSS);
    }

    @Test
    void thePagesCarryTheOperatorsFooterAndColoursAndTheBuiltInTemplatesElse() {
        browser.get(authorize(TestCredentials.PUBLIC_CLIENT, "profile", "web"));
        waitFor(By.id("sign-in"));
        assertThat(browser.findElement(By.tagName("footer")).getText()).isEqualTo("Acme Family Tree · Help");
        assertThat(browser.findElement(By.tagName("body")).getCssValue("background-color"))
                .isEqualTo("rgba(255, 248, 236, 1)");
        assertThat(browser.findElement(By.id("sign-in")).getCssValue("background-color"))
                .isEqualTo("rgba(138, 59, 18, 1)");
        assertThat(browser.findElement(By.cssSelector(".lead")).getText())
                .isEqualTo("to continue to " + TestCredentials.PUBLIC_CLIENT_NAME);
        Object foreign = browser.executeScript("return performance.getEntriesByType('resource')"
                + ".filter(e => !e.name.startsWith(location.origin + '/')).length");
        assertThat(foreign).isEqualTo(0L);
    }

    private static Path theme() {
        try {
            Path theme = Files.createTempDirectory("tollgate-theme");
            Files.createDirectories(theme.resolve("templates/oauth"));
            Files.createDirectories(theme.resolve("static"));
            Files.writeString(theme.resolve("templates/oauth/footer.html"), FOOTER);
            Files.writeString(theme.resolve("static/tollgate.css"), CSS);
            return theme;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
