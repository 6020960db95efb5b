package io.tollgate.validation;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a verified access token says.
 *
 * @param tokenId the {@code jti}, the handle for revocation
 * @param subject the {@code sub}
 * @param kind the {@code kind} claim
 * @param clientId the {@code client_id} claim, or the empty string when the token has none
 * @param scopes the space-separated {@code scope} claim, split and kept sorted
 * @param audiences the {@code aud} claim
 * @param issuedAtEpochSecond the {@code iat} claim: a cut-off ends the tokens issued before it
 * @param expiresAtEpochSecond the {@code exp} claim
 */
public record AccessToken(
        String tokenId,
        String subject,
        TokenKind kind,
        String clientId,
        Set<String> scopes,
        List<String> audiences,
        long issuedAtEpochSecond,
        long expiresAtEpochSecond) {

    /** Values many tokens share are kept once ({@link SharedClaims}): the verdict cache holds many tokens. */
    public AccessToken {
        clientId = SharedClaims.clientId(clientId);
        scopes = SharedClaims.scopes(Collections.unmodifiableSortedSet(new TreeSet<>(scopes)));
        audiences = SharedClaims.audiences(List.copyOf(audiences));
    }

    /**
     * The scopes as the {@code scope} claim spells them: space-separated, sorted (sorted once, when
     * the token is read, because the guard relays this on every request).
     */
    public String scopeString() {
        return String.join(" ", scopes);
    }
}
