package io.tollgate.credentials;

import io.tollgate.validation.ScopeSyntax;
import java.util.List;
import java.util.regex.Pattern;

/** Rules every account with scopes follows: a brand, a channel user, a client. */
final class AccountRules {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    private AccountRules() {}

    static void check(Credentials credentials) {
        credentials.brands().forEach(brand -> checkScopes(CredentialsProblem.entry(brand), brand.scopes()));
        credentials.channelUsers()
                .forEach(user -> checkScopes(CredentialsProblem.entry(user), user.scopes()));
        credentials.clients().forEach(ClientRules::check);
        credentials.scopes().forEach(AccountRules::checkDescription);
    }

    /** A catalogue entry names one scope, and translates it by language code alone ({@code de}, not {@code de-AT}). */
    private static void checkDescription(ScopeDescription scope) {
        String entry = "scope " + scope.name();
        checkScopes(entry, List.of(scope.name()));
        for (String language : scope.descriptions().keySet()) {
            if (!LANGUAGE.matcher(language).matches()) {
                throw CredentialsProblem.of(entry, "descriptions key " + CredentialsProblem.quote(language)
                        + " is not a language code: write its lowercase ISO 639 code, such as de or fr");
            }
        }
    }

    /**
     * Each scope a name of its own: tokens carry scopes space-separated, so "content read" would
     * reach a token as two scopes.
     */
    static void checkScopes(String entry, List<String> scopes) {
        for (String scope : scopes) {
            if (!ScopeSyntax.isScopeToken(scope)) {
                throw CredentialsProblem.of(entry, "scope " + CredentialsProblem.quote(scope) + " is not one scope "
                        + "name (printable ASCII without spaces, quotes or backslashes, RFC 6749 §3.3): list each "
                        + "scope as an item of its own");
            }
        }
    }
}
