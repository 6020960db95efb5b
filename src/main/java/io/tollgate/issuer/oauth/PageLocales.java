package io.tollgate.issuer.oauth;

import java.util.List;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The language of the pages: the first of the request's {@code ui_locales} (OpenID Connect Core
 * §3.1.2.1, space-separated, in order of preference) that Tollgate speaks, else the best match of
 * {@code Accept-Language}, else English. A checked authorize request carries its {@code ui_locales}
 * through the sign-in and the consent ({@link AuthorizationRequest}), and the page that answers a
 * form names it in the exchange ({@link #UI_LOCALES}), so each page speaks the language the first
 * one did.
 */
final class PageLocales implements LocaleContextResolver {

    /** English, German, French, Spanish: the bundles {@code messages/pages*.properties} ship. */
    static final List<Locale> SUPPORTED =
            List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("es"));
    static final String UI_LOCALES = PageLocales.class.getName() + ".uiLocales";

    private final AcceptHeaderLocaleContextResolver acceptLanguage = new AcceptHeaderLocaleContextResolver();

    PageLocales() {
        acceptLanguage.setSupportedLocales(SUPPORTED);
        acceptLanguage.setDefaultLocale(Locale.ENGLISH);
    }

    @Override
    public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
        String uiLocales = exchange.getAttribute(UI_LOCALES);
        if (uiLocales == null) {
            uiLocales = exchange.getRequest().getQueryParams().getFirst("ui_locales");
        }
        Locale chosen = firstSupported(uiLocales);
        return chosen != null ? new SimpleLocaleContext(chosen) : acceptLanguage.resolveLocaleContext(exchange);
    }

    @Override
    public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
        throw new UnsupportedOperationException("The pages' language follows the request; it cannot be set");
    }

    /** The first language of a {@code ui_locales} value that Tollgate speaks, or {@code null}. */
    static Locale firstSupported(String uiLocales) {
        if (uiLocales == null) {
            return null;
        }
        for (String tag : uiLocales.trim().split(" +")) {
            String language = Locale.forLanguageTag(tag).getLanguage();
            for (Locale supported : SUPPORTED) {
                if (supported.getLanguage().equals(language)) {
                    return supported;
                }
            }
        }
        return null;
    }
}
