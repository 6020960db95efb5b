package io.tollgate.validation;

/**
 * What a scope name may be: RFC 6749 §3.3's {@code scope-token}, printable ASCII but space, {@code
 * "} and {@code \}. Tokens carry their scopes space-separated in one {@code scope} claim, and OAuth
 * requests name them so, so a configured scope holding a space would reach a token as two scopes
 * and match no route.
 */
public final class ScopeSyntax {

    private ScopeSyntax() {}

    public static boolean isScopeToken(String scope) {
        if (scope == null || scope.isEmpty()) {
            return false;
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
