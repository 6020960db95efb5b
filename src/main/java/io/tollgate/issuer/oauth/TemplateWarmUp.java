package io.tollgate.issuer.oauth;

import java.util.List;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;

/**
 * Renders every page once at start, on the main thread. Thymeleaf reads a template file the first
 * time it is used and caches the parsed template; without this, that first read (a blocking file
 * read) would happen on an event-loop thread, in the first visitor's request.
 */
final class TemplateWarmUp implements ApplicationRunner {

    private static final List<String> PAGES = List.of("oauth/login", "oauth/consent", "oauth/error");

    private final ISpringWebFluxTemplateEngine templates;

    TemplateWarmUp(ISpringWebFluxTemplateEngine templates) {
        this.templates = templates;
    }

    @Override
    public void run(ApplicationArguments args) {
        Map<String, Object> sample = Map.of("display", "web", "clientId", "", "user", "", "scopes", List.of(),
                "csrf", "", "action", "", "error", "", "message", "");
        for (String page : PAGES) {
            templates.process(page, new Context(null, sample));
        }
    }
}
