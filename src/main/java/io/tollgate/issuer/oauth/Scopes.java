package io.tollgate.issuer.oauth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** OAuth scope lists, as the authorize and token requests spell them: comma- or space-separated. */
final class Scopes {

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    private Scopes() {}

    /**
     * The scopes asked for, or all of {@code allowed} when none are named (Geni's default is full
     * access within what the client may have).
     *
     * @throws OAuthError {@code invalid_scope} when one is outside {@code allowed}
     */
    static Set<String> requested(String parameter, Collection<String> allowed) {
        if (parameter == null || parameter.isBlank()) {
            return Set.copyOf(allowed);
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : SEPARATORS.split(parameter.trim())) {
            if (!allowed.contains(scope)) {
                throw OAuthError.invalidScope("The scope " + scope + " is not available to this client");
            }
            scopes.add(scope);
        }
        return Set.copyOf(scopes);
    }
}
