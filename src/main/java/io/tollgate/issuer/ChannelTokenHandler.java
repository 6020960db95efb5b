package io.tollgate.issuer;

import io.micrometer.core.instrument.Counter;
import io.tollgate.credentials.AccountAuthenticator;
import io.tollgate.credentials.Authentication;
import io.tollgate.credentials.ChannelUser;
import io.tollgate.observability.IssuerMeters;
import io.tollgate.store.StoreUnavailableException;
import io.tollgate.validation.TokenKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Dialect 2, the channel exchange: {@code POST /generateToken} with {@code username} and {@code
 * password} (names in any case) from a form body or the query string answers the bare token as
 * plain text, or {@code invalid username or password} (401, also while the client address is
 * locked out after repeated failures; the user never is, see {@link Lockout}) or {@code token
 * expired} (403); {@code service unavailable} (503) while the state store is unreachable.
 */
public final class ChannelTokenHandler implements HandlerFunction<ServerResponse> {

    static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final AccountAuthenticator<ChannelUser> users;
    private final Lockout lockout;
    private final TokenMinter minter;
    private final Duration lifetime;
    private final Counter issued;
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
        this.lockout = lockout;
        this.minter = minter;
        this.lifetime = lifetime;
        this.issued = meters.issued("password");
        this.invalidCredentials = text(HttpStatus.UNAUTHORIZED, "invalid username or password", meters);
        this.tokenExpired = text(HttpStatus.FORBIDDEN, "token expired", meters);
        this.tooLarge = text(HttpStatus.CONTENT_TOO_LARGE, "request too large", meters);
        this.badRequest = text(HttpStatus.BAD_REQUEST, "invalid request", meters);
        this.unavailable = text(HttpStatus.SERVICE_UNAVAILABLE, "service unavailable", meters);
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        if (!HttpMethod.POST.equals(request.method())) {
            return badRequest.send();
        }
        return fields(request)
                .flatMap(fields -> issue(field(fields, "username"), field(fields, "password")))
                .onErrorResume(error -> {
                    RequestFailures.log("channel", error);
                    if (error instanceof StoreUnavailableException) {
                        return unavailable.send();
                    }
                    return error instanceof DataBufferLimitException ? tooLarge.send() : badRequest.send();
                });
    }

    /** Query parameters, then form fields, which win when both name the same field. */
    private static Mono<MultiValueMap<String, String>> fields(ServerRequest request) {
        return FormBody.read(request).map(body -> {
            MultiValueMap<String, String> fields = new LinkedMultiValueMap<>(request.queryParams());
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
                .flatMap(this::answer);
    }

    private Mono<ServerResponse> answer(Authentication<ChannelUser> authentication) {
        return switch (authentication.outcome()) {
            case REJECTED, LOCKED -> invalidCredentials.send();
            case DISABLED -> tokenExpired.send();
            case AUTHENTICATED -> {
                ChannelUser user = authentication.principal();
                IssuedToken token = minter.mint(TokenKind.CHANNEL, user.username(), "", user.scopes(), lifetime);
                issued.increment();
                yield ServerResponse.ok().contentType(TEXT).bodyValue(token.value().getBytes(StandardCharsets.US_ASCII));
            }
        };
    }

    private static IssuerResponse text(HttpStatus status, String body, IssuerMeters meters) {
        return IssuerResponse.of(status, TEXT, body, meters.rejection(String.valueOf(status.value())));
    }
}
