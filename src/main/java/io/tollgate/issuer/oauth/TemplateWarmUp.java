package io.tollgate.issuer.oauth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;

/**
 * Renders every page once at start, in every language, on the main thread. Thymeleaf reads a
 * template file the first time it is used and caches the parsed template, and the message source
 * reads each language's bundle the first time it is asked for it; without this, those first reads
 * (blocking file reads) would happen on an event-loop thread, in the first visitor's request.
 */
final class TemplateWarmUp implements ApplicationRunner {

    private static final List<String> PAGES = List.of("oauth/login", "oauth/consent", "oauth/error");

    private final ISpringWebFluxTemplateEngine templates;

    TemplateWarmUp(ISpringWebFluxTemplateEngine templates) {
        this.templates = templates;
    }

    @Override
    public void run(ApplicationArguments args) {
        Map<String, Object> sample = Map.of("display", "web", "client", new PageClient("", null, null), "user", "",
                "scopes", List.of(), "csrf", "", "action", "", "error", "page.login.failed",
                "message", "page.error.expired");
        for (Locale language : PageLocales.SUPPORTED) {
            for (String page : PAGES) {
                templates.process(page, new Context(language, sample));
            }
        }
    }
}
