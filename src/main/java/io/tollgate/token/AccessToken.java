package io.tollgate.token;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a verified access token says.
 *
 * @param issuer the configured issuer <b>id</b> of the token's issuer, not its {@code iss}: {@link
 *     #TOLLGATE} for Tollgate's own tokens, an external issuer's {@code id} otherwise. Bounded, so
 *     it can be a meter label and the {@code X-Auth-Issuer} value, and it is what cut-offs are
 *     keyed by
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
        String issuer,
        String tokenId,
        String subject,
        TokenKind kind,
        String clientId,
        Set<String> scopes,
        List<String> audiences,
        long issuedAtEpochSecond,
        long expiresAtEpochSecond) {

    /** The issuer id of Tollgate's own tokens. */
    public static final String TOLLGATE = "tollgate";

    /** Values many tokens share are kept once ({@link SharedClaims}): the verdict cache holds many tokens. */
    public AccessToken {
        issuer = SharedClaims.issuer(issuer);
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
