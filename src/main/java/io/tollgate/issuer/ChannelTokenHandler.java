package io.tollgate.issuer;

import io.tollgate.audit.Claimant;
import io.tollgate.audit.Claimants;
import io.tollgate.channel.ChannelError;
import io.tollgate.credentials.AccountAuthenticator;
import io.tollgate.credentials.Authentication;
import io.tollgate.credentials.ChannelUser;
import io.tollgate.observability.IssuedTokens;
import io.tollgate.observability.IssuerMeters;
import io.tollgate.store.StoreUnavailableException;
import io.tollgate.token.TokenKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Dialect 2, the channel exchange: {@code POST /generateToken} with {@code username} and {@code
 * password} (names in any case) from a form body or the query string answers the bare token as
 * plain text (never cached), or one of the dialect's fixed bodies ({@link ChannelError}): {@code
 * invalid username or password} (401, also while the client address is locked out after repeated
 * failures, the user never is, see {@link Lockout}, and for a request whose fields cannot be read),
 * {@code request too large} (413) for a form body over the limit, {@code token expired} (403);
 * {@code service unavailable} (503) while the state store is unreachable. Every refusal is counted
 * and audited with the channel user the username names, if it names one ({@link Claimants}).
 */
public final class ChannelTokenHandler implements HandlerFunction<ServerResponse> {

    private final AccountAuthenticator<ChannelUser> users;
    private final Claimants<ChannelUser> claimants;
    private final Lockout lockout;
    private final TokenMinter minter;
    private final Duration lifetime;
    private final IssuedTokens issued;
    private final IssuerResponse invalidCredentials;
    private final IssuerResponse tokenExpired;
    private final IssuerResponse tooLarge;
    private final IssuerResponse badRequest;
    private final IssuerResponse unavailable;

    public ChannelTokenHandler(
            AccountAuthenticator<ChannelUser> users,
            Lockout lockout,
            TokenMinter minter,
            Duration lifetime,
            IssuerMeters meters) {
        this.users = users;
        this.claimants = new Claimants<>("channel-user", users::provisioned, ChannelUser::username);
        this.lockout = lockout;
        this.minter = minter;
        this.lifetime = lifetime;
        this.issued = meters.issued("password");
        this.invalidCredentials = text(ChannelError.INVALID_CREDENTIALS, meters);
        this.tokenExpired = text(ChannelError.TOKEN_EXPIRED, meters);
        this.tooLarge = text(ChannelError.TOO_LARGE, meters);
        this.badRequest = text(ChannelError.BAD_REQUEST, meters);
        this.unavailable = text(ChannelError.UNAVAILABLE, meters);
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        if (!HttpMethod.POST.equals(request.method())) {
            return badRequest.send(Claimant.NONE);
        }
        return fields(request)
                .flatMap(fields -> issue(field(fields, "username"), field(fields, "password")))
                .onErrorResume(error -> {
                    RequestFailures.log("channel", error);
                    if (error instanceof StoreUnavailableException) {
                        return unavailable.send(Claimant.NONE);
                    }
                    if (MalformedRequestException.isMalformedInput(error)) {
                        // No field of an unreadable request is read, so none is right.
                        return MalformedRequestException.isTooLarge(error)
                                ? tooLarge.send(Claimant.NONE)
                                : invalidCredentials.send(Claimant.NONE);
                    }
                    return badRequest.send(Claimant.NONE);
                });
    }

    /** Query parameters, then form fields, which win when both name the same field. */
    private static Mono<MultiValueMap<String, String>> fields(ServerRequest request) {
        return FormBody.read(request).map(body -> {
            MultiValueMap<String, String> fields = new LinkedMultiValueMap<>(FormBody.query(request));
            body.forEach(fields::put);
            return fields;
        });
    }

    /** The last-given value of a field whose name matches case-insensitively, or {@code null}. */
    private static String field(MultiValueMap<String, String> fields, String name) {
        String found = null;
        for (Map.Entry<String, List<String>> entry : fields.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                found = entry.getValue().get(0);
            }
        }
        return found;
    }

    private Mono<ServerResponse> issue(String username, String password) {
        return lockout.machineSecret(Mono.fromSupplier(() -> users.authenticate(username, password)))
                .flatMap(authentication -> answer(username, authentication));
    }

    private Mono<ServerResponse> answer(String username, Authentication<ChannelUser> authentication) {
        return switch (authentication.outcome()) {
            case REJECTED, LOCKED -> invalidCredentials.send(claimants.of(username));
            case DISABLED -> tokenExpired.send(claimants.of(username));
            case AUTHENTICATED -> {
                ChannelUser user = authentication.principal();
                IssuedToken token = minter.mint(TokenKind.CHANNEL, user.username(), "", user.scopes(), lifetime);
                issued.record();
                yield ServerResponse.ok()
                        .contentType(ChannelError.CONTENT_TYPE)
                        .cacheControl(CacheControl.noStore())
                        .bodyValue(token.value().getBytes(StandardCharsets.US_ASCII));
            }
        };
    }

    private static IssuerResponse text(ChannelError error, IssuerMeters meters) {
        return IssuerResponse.of(error.status(), ChannelError.CONTENT_TYPE, error.body(),
                meters.rejection(String.valueOf(error.status().value())));
    }
}
