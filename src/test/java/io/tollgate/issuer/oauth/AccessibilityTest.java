package io.tollgate.issuer.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.tollgate.support.TestCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * WCAG 2.1 AA on every page in every {@code display} layout: axe-core (run in Chromium through
 * Selenium) finds no serious or critical violation on the sign-in page, the sign-in page with its
 * error, the consent page and the error page; the error messages are announced ({@code
 * role=alert}); and a person signs in and consents with the keyboard alone, seeing where the focus
 * is.
 */
class AccessibilityTest extends BrowserPagesTest {

    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    @ParameterizedTest
    @ValueSource(strings = {"web", "mobile", "desktop", "iframe"})
    void everyPageOfALayoutHasNoSeriousOrCriticalViolation(String display) {
        signOut();
        browser.get(authorize(TestCredentials.PUBLIC_CLIENT, "profile family", display));
        waitFor(By.id("sign-in"));
        assertAccessible("sign-in page, display=" + display);

        // Someone nobody provisioned, so that no real person's failures add up towards a lockout.
        browser.findElement(By.id("username")).sendKeys("nobody-" + display);
        browser.findElement(By.id("password")).sendKeys("not-a-password");
        browser.findElement(By.id("sign-in")).click();
        WebElement error = waitFor(By.id("sign-in-error"));
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        assertThat(browser.findElement(By.id("password")).getAttribute("aria-describedby")).isEqualTo("sign-in-error");
        assertAccessible("sign-in page with its error, display=" + display);

        browser.findElement(By.id("username")).sendKeys(TestCredentials.USER);
        browser.findElement(By.id("password")).sendKeys(TestCredentials.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waitFor(By.id("allow"));
        assertAccessible("consent page, display=" + display);

        browser.get(authorize("no-such-client", "profile", display));
        WebElement message = waitFor(By.cssSelector("p.error"));
        assertThat(message.getAttribute("role")).isEqualTo("alert");
        assertThat(browser.findElement(By.tagName("body")).getAttribute("class")).isEqualTo(display);
        assertAccessible("error page, display=" + display);
    }

    @Test
    void aPersonSignsInAndConsentsWithTheKeyboardAlone() {
        signOut();
        browser.get(authorize(TestCredentials.PUBLIC_CLIENT, "profile family", "web"));
        waitFor(By.id("sign-in"));
        tabTo("username");
        new Actions(browser).sendKeys(TestCredentials.USER).perform();
        tabTo("password");
        new Actions(browser).sendKeys(TestCredentials.PASSWORD).sendKeys(Keys.ENTER).perform();

        waitFor(By.id("allow"));
        tabTo("allow");
        assertThat(browser.switchTo().activeElement().getCssValue("outline-style")).as("visible focus").isEqualTo("solid");
        new Actions(browser).sendKeys(Keys.SPACE).perform();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.urlContains(TestCredentials.REDIRECT_URI));
        assertThat(browser.getCurrentUrl()).contains("code=").contains("state=pages");
    }

    private static void assertAccessible(String page) {
        Results results = new AxeBuilder().analyze(browser);
        assertThat(results.getErrorMessage()).as("axe-core on the %s", page).isNull();
        assertThat(results.getPasses()).as("rules axe-core checked on the %s", page).isNotEmpty();
        List<String> blocking = results.getViolations().stream()
                .filter(rule -> BLOCKING.contains(rule.getImpact()))
                .map(AccessibilityTest::describe)
                .toList();
        assertThat(blocking).as("serious or critical violations on the %s", page).isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList();
    }

    /** Presses Tab until the element with this id has the focus (at most a dozen times). */
    private static void tabTo(String id) {
        for (int i = 0; i < 12 && !id.equals(browser.switchTo().activeElement().getAttribute("id")); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus reached by Tab").isEqualTo(id);
    }
}
