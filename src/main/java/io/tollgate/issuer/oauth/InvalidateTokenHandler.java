package io.tollgate.issuer.oauth;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import io.tollgate.gateway.ClientAddress;
import io.tollgate.store.GrantFamilyStore;
import io.tollgate.store.RevocationStore;
import io.tollgate.store.StoreUnavailableException;
import io.tollgate.token.AccessToken;
import io.tollgate.validation.RejectionReason;
import io.tollgate.validation.ValidationService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET|POST /platform/oauth/invalidate_token}, also RFC 7009's revocation endpoint ({@code
 * token}, {@code token_type_hint}). A valid access token is revoked until its {@code exp}; a
 * refresh token revokes its whole family. It always answers {@code {"result":"OK"}}, and only
 * after the revocation is stored, so "OK" is never said of a revocation that could be lost (a
 * token this replica has not seen while the store is down is answered 503, as the store's other
 * failures are, not "OK" as an invalid one). Each
 * revocation is an audit line (the token's identifiers, never the token).
 */
final class InvalidateTokenHandler implements HandlerFunction<ServerResponse> {

    private static final byte[] OK = "{\"result\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

    private final ValidationService validation;
    private final RevocationStore revocations;
    private final GrantFamilyStore<RefreshGrant> families;
    private final FamilyRevocation familyRevocation;
    private final AuditLog audit;

    InvalidateTokenHandler(
            ValidationService validation,
            RevocationStore revocations,
            GrantFamilyStore<RefreshGrant> families,
            FamilyRevocation familyRevocation,
            AuditLog audit) {
        this.validation = validation;
        this.revocations = revocations;
        this.families = families;
        this.familyRevocation = familyRevocation;
        this.audit = audit;
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        return TokenParameter.read(request)
                .flatMap(this::invalidate)
                .then(ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore())
                        .bodyValue(OK));
    }

    private Mono<Void> invalidate(String token) {
        return validation.validate(token).flatMap(result -> {
            if (result.reason() == RejectionReason.STORE_UNAVAILABLE) {
                // A valid token this replica has not seen while the store is down: it can be
                // revoked nowhere, so "OK" would be said of a revocation that never happened.
                return Mono.error(new StoreUnavailableException("token revocation", null));
            }
            if (result.isValid()) {
                AccessToken access = result.token();
                return revocations.revoke(access.tokenId(), Instant.ofEpochSecond(access.expiresAtEpochSecond()))
                        .then(ClientAddress.ofCurrentRequest())
                        .doOnNext(address -> audit.record(AuditEvent.of("revocation.token.revoked")
                                .with("jti", access.tokenId())
                                .with("kind", access.kind().claimValue())
                                .with("subject", access.subject())
                                .with("client_id", access.clientId())
                                .with("via", "invalidate_token")
                                .with("client.address", address)))
                        .then();
            }
            return Mono.justOrEmpty(SecureTokens.refreshKey(token))
                    .flatMap(families::familyOf)
                    .flatMap(familyId -> familyRevocation.revoke(familyId, FamilyRevocation.Reason.INVALIDATE_TOKEN));
        });
    }
}
