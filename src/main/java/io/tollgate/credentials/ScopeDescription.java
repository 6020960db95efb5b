package io.tollgate.credentials;

import java.util.Locale;
import java.util.Map;

/**
 * What the consent page says a scope means ({@code tollgate.credentials.scopes[]}).
 *
 * @param name the scope, as clients ask for it
 * @param description the text shown in any language without a translation of its own
 * @param descriptions translations, by lowercase ISO 639 language code ({@code de}, {@code fr})
 */
public record ScopeDescription(String name, String description, Map<String, String> descriptions) {

    public ScopeDescription {
        descriptions = Map.copyOf(descriptions);
    }

    /** The description in the language of {@code locale}, or the default one. */
    public String in(Locale locale) {
        return descriptions.getOrDefault(locale.getLanguage(), description);
    }
}
