package io.tollgate.issuer.oauth;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code tollgate.pages.*}: where an operator's own pages come from, read once at start. A file
 * missing there falls back to the built-in one.
 *
 * @param templatesDir holds {@code oauth/login.html}, {@code oauth/consent.html}, {@code
 *     oauth/error.html} and {@code oauth/fragments.html}, each replacing the built-in template of
 *     that name
 * @param staticDir holds {@code tollgate.css}, served instead of the built-in stylesheet
 */
@Validated
@ConfigurationProperties("tollgate.pages")
public record PagesProperties(
        @NotNull @DefaultValue("config/templates") Path templatesDir,
        @NotNull @DefaultValue("config/static") Path staticDir) {}
