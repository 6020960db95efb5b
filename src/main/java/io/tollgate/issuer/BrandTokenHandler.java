package io.tollgate.issuer;

import io.micrometer.core.instrument.Counter;
import io.tollgate.credentials.AccountAuthenticator;
import io.tollgate.credentials.Authentication;
import io.tollgate.credentials.Brand;
import io.tollgate.observability.IssuerMeters;
import io.tollgate.store.StoreUnavailableException;
import io.tollgate.validation.TokenKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dialect 1, the brand API-key exchange: {@code POST /api/thirdparty/auth} with {@code
 * {"api_key":…,"api_secret":…}} answers 200 with the token in the {@code gn-access-token} header,
 * or one of the dialect's fixed error bodies (1099, 5235, 5166). Repeated wrong secrets lock the
 * client address, never the API key ({@link Lockout}); while the state store is unreachable it
 * answers 503 with code 5030.
 */
public final class BrandTokenHandler implements HandlerFunction<ServerResponse> {

    /** The response (and request) header that carries a brand token. */
    public static final String TOKEN_HEADER = "gn-access-token";

    private final AccountAuthenticator<Brand> brands;
    private final Lockout lockout;
    private final TokenMinter minter;
    private final Duration lifetime;
    private final JsonMapper json;
    private final int maxBodyBytes;
    private final byte[] successBody;
    private final Counter issued;
    private final IssuerResponse unexpectedError;
    private final IssuerResponse brandNotExists;
    private final IssuerResponse invalidUse;
    private final IssuerResponse unavailable;

    public BrandTokenHandler(
            AccountAuthenticator<Brand> brands,
            Lockout lockout,
            TokenMinter minter,
            Duration lifetime,
            JsonMapper json,
            int maxBodyBytes,
            IssuerMeters meters) {
        this.brands = brands;
        this.lockout = lockout;
        this.minter = minter;
        this.lifetime = lifetime;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
        this.successBody = ("{\"code\":200,\"message\":\"Access token generated\",\"data\":{\"expires_in\":"
                        + lifetime.toSeconds() + "}}")
                .getBytes(StandardCharsets.UTF_8);
        this.issued = meters.issued("api_key");
        this.unexpectedError = error(HttpStatus.BAD_REQUEST, "1099",
                "An unexpected error occurred processing the request", meters);
        this.brandNotExists = error(HttpStatus.NOT_FOUND, "5235", "Brand not exists.", meters);
        this.invalidUse = error(HttpStatus.PRECONDITION_FAILED, "5166", "XXXX-[Invalid Use of API]", meters);
        this.unavailable = error(HttpStatus.SERVICE_UNAVAILABLE, "5030", "Service temporarily unavailable.", meters);
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        MediaType contentType = request.headers().contentType().orElse(null);
        if (!HttpMethod.POST.equals(request.method())
                || contentType == null
                || !contentType.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
            return unexpectedError.send();
        }
        return DataBufferUtils.join(request.exchange().getRequest().getBody(), maxBodyBytes)
                .map(this::readCredentials)
                .flatMap(this::issue)
                .switchIfEmpty(Mono.defer(unexpectedError::send))
                .onErrorResume(error -> {
                    RequestFailures.log("brand", error);
                    return error instanceof StoreUnavailableException ? unavailable.send() : unexpectedError.send();
                });
    }

    private BrandCredentials readCredentials(DataBuffer body) {
        JsonNode node;
        try {
            node = json.readTree(body.asInputStream());
        } finally {
            DataBufferUtils.release(body);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedRequestException();
        }
        return new BrandCredentials(stringField(node, "api_key"), stringField(node, "api_secret"));
    }

    private static String stringField(JsonNode object, String name) {
        JsonNode field = object.get(name);
        if (field == null || field.isNull()) {
            return null;
        }
        if (!field.isString()) {
            throw new MalformedRequestException();
        }
        return field.stringValue();
    }

    private Mono<ServerResponse> issue(BrandCredentials credentials) {
        return lockout.machineSecret(
                        Mono.fromSupplier(() -> brands.authenticate(credentials.apiKey(), credentials.apiSecret())))
                .flatMap(this::answer);
    }

    private Mono<ServerResponse> answer(Authentication<Brand> authentication) {
        return switch (authentication.outcome()) {
            case REJECTED -> brandNotExists.send();
            case DISABLED, LOCKED -> invalidUse.send();
            case AUTHENTICATED -> {
                Brand brand = authentication.principal();
                IssuedToken token = minter.mint(TokenKind.BRAND, brand.id(), brand.id(), brand.scopes(), lifetime);
                issued.increment();
                yield ServerResponse.ok()
                        .header(TOKEN_HEADER, token.value())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(successBody);
            }
        };
    }

    private static IssuerResponse error(HttpStatus status, String code, String message, IssuerMeters meters) {
        return IssuerResponse.of(status, MediaType.APPLICATION_JSON,
                "{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"data\":{}}", meters.rejection(code));
    }

    private record BrandCredentials(String apiKey, String apiSecret) {}
}
