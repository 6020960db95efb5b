package io.tollgate.credentials;

import io.tollgate.validation.ScopeSyntax;
import java.util.List;

/** Rules every account with scopes follows: a brand, a channel user, a client. */
final class AccountRules {

    private AccountRules() {}

    static void check(Credentials credentials) {
        credentials.brands().forEach(brand -> checkScopes(CredentialsProblem.entry(brand), brand.scopes()));
        credentials.channelUsers()
                .forEach(user -> checkScopes(CredentialsProblem.entry(user), user.scopes()));
        credentials.clients().forEach(ClientRules::check);
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
