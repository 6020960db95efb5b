package io.tollgate.issuer.oauth;

import io.tollgate.credentials.GrantType;
import io.tollgate.credentials.OAuthClient;
import io.tollgate.store.GrantFamilyStore;
import io.tollgate.validation.RevocationCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import reactor.core.publisher.Mono;

/**
 * RFC 7662's answer for a refresh token, to the client it was issued to and no other (a refresh
 * token is a credential of its client alone, so another client learns nothing of it): active
 * exactly when that client could redeem it at {@code request_token} now. That is, the token is
 * stored and unused, its family is not revoked, its grant began after any cut-off of its person or
 * client ({@link RevocationCheck#endsGrant}), its absolute lifetime has not run out, and the client
 * may still refresh. It is only read, never used up: introspecting it spends nothing.
 *
 * <p>(choice) The fields: {@code active}, {@code scope} (the grant's), {@code client_id}, {@code
 * username} and {@code sub} (the person), {@code exp} (the grant's start plus {@code
 * tollgate.issuer.lifetimes.refresh-token}) and {@code iss}. No {@code token_type} or {@code kind},
 * which describe access tokens, and no {@code iat} or {@code jti}: Tollgate keeps neither for a
 * refresh token, only its digest and its grant.
 */
final class RefreshTokenIntrospection {

    private final GrantFamilyStore<RefreshGrant> families;
    private final RevocationCheck check;
    private final Duration lifetime;
    private final Clock clock;
    private final String issuer;

    RefreshTokenIntrospection(
            GrantFamilyStore<RefreshGrant> families, RevocationCheck check, Duration lifetime, Clock clock,
            String issuer) {
        this.families = families;
        this.check = check;
        this.lifetime = lifetime;
        this.clock = clock;
        this.issuer = issuer;
    }

    /** The fields of {@code client}'s active refresh token, or empty when {@code token} is none. */
    Mono<Map<String, Object>> describe(OAuthClient client, String token) {
        return families.findRefreshToken(SecureTokens.digest(token))
                .filter(found -> !found.reused() && found.grant().clientId().equals(client.clientId())
                        && client.allows(GrantType.REFRESH_TOKEN))
                .map(GrantFamilyStore.RefreshUse::grant)
                .filter(grant -> !check.endsGrant(grant.clientId(), grant.username(), grant.grantedAt())
                        && expiry(grant).isAfter(clock.instant()))
                .map(this::describe);
    }

    private Instant expiry(RefreshGrant grant) {
        return grant.grantedAt().plus(lifetime);
    }

    private Map<String, Object> describe(RefreshGrant grant) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        if (!grant.scopes().isEmpty()) {
            body.put("scope", String.join(" ", new TreeSet<>(grant.scopes())));
        }
        body.put("client_id", grant.clientId());
        body.put("username", grant.username());
        body.put("sub", grant.username());
        body.put("exp", expiry(grant).getEpochSecond());
        body.put("iss", issuer);
        return body;
    }
}
