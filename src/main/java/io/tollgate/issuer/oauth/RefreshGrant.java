package io.tollgate.issuer.oauth;

import java.time.Instant;
import java.util.Set;

/**
 * What a refresh token stands for.
 *
 * @param clientId the client it was issued to
 * @param username the person the tokens act for
 * @param scopes the scopes of the grant; a refresh may narrow them, never widen them
 * @param grantedAt when the grant began: refresh tokens expire a fixed time after it
 */
public record RefreshGrant(String clientId, String username, Set<String> scopes, Instant grantedAt) {}
