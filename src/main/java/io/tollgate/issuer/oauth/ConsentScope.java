package io.tollgate.issuer.oauth;

import io.tollgate.credentials.ScopeDescription;
import java.util.Locale;

/**
 * A scope as the consent page lists it: its description from the catalogue, in the page's
 * language, with its id beside it; a scope the catalogue does not list shows its id alone.
 *
 * @param id the scope asked for
 * @param catalogued its catalogue entry, or {@code null}
 */
record ConsentScope(String id, ScopeDescription catalogued) {

    public boolean isDescribed() {
        return catalogued != null;
    }

    public String text(Locale locale) {
        return catalogued == null ? id : catalogued.in(locale);
    }
}
