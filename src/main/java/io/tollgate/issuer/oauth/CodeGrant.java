package io.tollgate.issuer.oauth;

import java.time.Instant;
import java.util.Set;

/**
 * What an authorization code stands for.
 *
 * @param clientId the client it was issued to
 * @param redirectUri the redirect URI of the authorize request, which the token request must repeat
 * @param username the person who consented
 * @param scopes the scopes consented to
 * @param codeChallenge the PKCE S256 challenge, or {@code null} when the client sent none
 * @param familyId the grant family every token issued from this code joins
 * @param issuedAt when the code was issued: a cut-off of the person or the client after it refuses
 *     the code's redemption
 */
public record CodeGrant(
        String clientId, String redirectUri, String username, Set<String> scopes, String codeChallenge,
        String familyId, Instant issuedAt) {}
