package io.tollgate.admin;

import io.tollgate.credentials.SecretVerifier;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * Who may call the write endpoints: a request whose one {@code Authorization} header is {@code
 * Bearer <token>} (the scheme in any case) with a token whose SHA-256 is among {@code
 * tollgate.admin.tokens}. Every configured hash is compared, each in constant time ({@link
 * SecretVerifier#sha256()}), so the answer's timing tells neither which hash matched nor how much
 * of the token was right.
 */
public final class OperatorTokens {

    private static final String BEARER = "Bearer ";

    private final List<String> hashes;
    private final SecretVerifier sha256;

    public OperatorTokens(AdminProperties properties) {
        this.hashes = properties.tokens();
        this.sha256 = SecretVerifier.sha256();
    }

    /** False when no operator token is configured: the endpoints are then closed to everyone. */
    public boolean configured() {
        return !hashes.isEmpty();
    }

    /** True when the request carries one of the operator tokens. */
    public boolean admit(HttpHeaders headers) {
        Optional<String> presented = presented(headers);
        if (presented.isEmpty()) {
            return false;
        }
        boolean admitted = false;
        for (String hash : hashes) {
            admitted |= sha256.matches(presented.get(), hash);
        }
        return admitted;
    }

    private static Optional<String> presented(HttpHeaders headers) {
        List<String> authorizations = headers.get(HttpHeaders.AUTHORIZATION);
        if (authorizations == null || authorizations.size() != 1) {
            return Optional.empty();
        }
        String value = authorizations.get(0);
        if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = value.substring(BEARER.length()).strip();
        return token.isEmpty() || token.chars().anyMatch(Character::isWhitespace) ? Optional.empty() : Optional.of(token);
    }
}
