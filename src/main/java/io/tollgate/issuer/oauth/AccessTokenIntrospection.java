package io.tollgate.issuer.oauth;

import io.tollgate.store.StoreUnavailableException;
import io.tollgate.token.AccessToken;
import io.tollgate.token.TokenKind;
import io.tollgate.validation.RejectionReason;
import io.tollgate.validation.ValidationService;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * RFC 7662's answer for a Tollgate access token: active exactly when the guard would accept it,
 * since the verdict comes from the guard's own validation service and cache (revocations and
 * cut-offs included, checked on every answer). A token of a trusted external issuer is not
 * Tollgate's to vouch for, and is described like any other token Tollgate did not issue: not at all
 * (the endpoint answers inactive).
 *
 * <p>Tollgate's tokens carry no {@code nbf}: they are usable from their issuance, so {@code nbf} is
 * their {@code iat}. {@code username} is said of a person's token ({@code oauth-user}) only, whose
 * subject is the person's username.
 */
final class AccessTokenIntrospection {

    private final ValidationService validation;
    private final String issuer;

    /** @param issuer {@code tollgate.issuer.issuer-uri}, the {@code iss} of every Tollgate token */
    AccessTokenIntrospection(ValidationService validation, String issuer) {
        this.validation = validation;
        this.issuer = issuer;
    }

    /** The active token's fields, or empty when {@code token} is no active Tollgate access token. */
    Mono<Map<String, Object>> describe(String token) {
        return validation.validate(token).flatMap(result -> {
            if (result.reason() == RejectionReason.STORE_UNAVAILABLE) {
                return Mono.error(new StoreUnavailableException("token validation", null));
            }
            return result.isValid() && AccessToken.TOLLGATE.equals(result.token().issuer())
                    ? Mono.just(describe(result.token()))
                    : Mono.empty();
        });
    }

    private Map<String, Object> describe(AccessToken token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        if (!token.scopes().isEmpty()) {
            body.put("scope", token.scopeString());
        }
        if (!token.clientId().isEmpty()) {
            body.put("client_id", token.clientId());
        }
        if (token.kind() == TokenKind.OAUTH_USER) {
            body.put("username", token.subject());
        }
        body.put("token_type", "bearer");
        body.put("exp", token.expiresAtEpochSecond());
        body.put("iat", token.issuedAtEpochSecond());
        body.put("nbf", token.issuedAtEpochSecond());
        body.put("sub", token.subject());
        body.put("aud", token.audiences());
        body.put("iss", issuer);
        body.put("jti", token.tokenId());
        body.put("kind", token.kind().claimValue());
        return body;
    }
}
