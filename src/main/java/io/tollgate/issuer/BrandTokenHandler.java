package io.tollgate.issuer;

import io.tollgate.audit.Claimant;
import io.tollgate.audit.Claimants;
import io.tollgate.credentials.AccountAuthenticator;
import io.tollgate.credentials.Authentication;
import io.tollgate.credentials.Brand;
import io.tollgate.genuin.GenuinError;
import io.tollgate.genuin.GenuinToken;
import io.tollgate.observability.IssuedTokens;
import io.tollgate.observability.IssuerMeters;
import io.tollgate.store.StoreUnavailableException;
import io.tollgate.token.TokenKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dialect 1, the brand API-key exchange: {@code POST /api/thirdparty/auth} with {@code
 * {"api_key":…,"api_secret":…}} answers 200 with the token in the {@code gn-access-token} header
 * (never cached), or one of the dialect's fixed error bodies ({@link GenuinError}: 1099, 5235,
 * 5166); a request it cannot read ({@link MalformedRequestException}) is 1099. Repeated wrong
 * secrets lock the client address, never the API key ({@link Lockout}); while the state store is
 * unreachable it answers 503 with code 5030. Every refusal is counted and audited with the brand
 * its API key names, if it names one ({@link Claimants}).
 */
public final class BrandTokenHandler implements HandlerFunction<ServerResponse> {

    private final AccountAuthenticator<Brand> brands;
    private final Claimants<Brand> claimants;
    private final Lockout lockout;
    private final TokenMinter minter;
    private final Duration lifetime;
    private final JsonMapper json;
    private final int maxBodyBytes;
    private final byte[] successBody;
    private final IssuedTokens issued;
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
        this.claimants = new Claimants<>("brand", brands::provisioned, Brand::id);
        this.lockout = lockout;
        this.minter = minter;
        this.lifetime = lifetime;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
        this.successBody = GenuinToken.issuedBody(lifetime).getBytes(StandardCharsets.UTF_8);
        this.issued = meters.issued("api_key");
        this.unexpectedError = error(GenuinError.MALFORMED_REQUEST, meters);
        this.brandNotExists = error(GenuinError.BRAND_NOT_EXISTS, meters);
        this.invalidUse = error(GenuinError.INVALID_USE, meters);
        this.unavailable = error(GenuinError.UNAVAILABLE, meters);
    }

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        return Mono.defer(() -> credentials(request))
                .flatMap(this::issue)
                .switchIfEmpty(Mono.defer(() -> unexpectedError.send(Claimant.NONE)))
                .onErrorResume(error -> {
                    RequestFailures.log("brand", error);
                    return (error instanceof StoreUnavailableException ? unavailable : unexpectedError)
                            .send(Claimant.NONE);
                });
    }

    /** The credentials of a JSON POST; anything else is a {@link MalformedRequestException}. */
    private Mono<BrandCredentials> credentials(ServerRequest request) {
        boolean json = HttpMethod.POST.equals(request.method()) && RequestContentType.of(request)
                .filter(MediaType.APPLICATION_JSON::equalsTypeAndSubtype)
                .isPresent();
        if (!json) {
            return Mono.error(MalformedRequestException.unreadable());
        }
        return DataBufferUtils.join(request.exchange().getRequest().getBody(), maxBodyBytes).map(this::readCredentials);
    }

    private BrandCredentials readCredentials(DataBuffer body) {
        JsonNode node;
        try {
            node = json.readTree(body.asInputStream());
        } finally {
            DataBufferUtils.release(body);
        }
        if (node == null || !node.isObject()) {
            throw MalformedRequestException.unreadable();
        }
        return new BrandCredentials(stringField(node, "api_key"), stringField(node, "api_secret"));
    }

    private static String stringField(JsonNode object, String name) {
        JsonNode field = object.get(name);
        if (field == null || field.isNull()) {
            return null;
        }
        if (!field.isString()) {
            throw MalformedRequestException.unreadable();
        }
        return field.stringValue();
    }

    private Mono<ServerResponse> issue(BrandCredentials credentials) {
        return lockout.machineSecret(
                        Mono.fromSupplier(() -> brands.authenticate(credentials.apiKey(), credentials.apiSecret())))
                .flatMap(authentication -> answer(credentials.apiKey(), authentication));
    }

    private Mono<ServerResponse> answer(String apiKey, Authentication<Brand> authentication) {
        return switch (authentication.outcome()) {
            case REJECTED -> brandNotExists.send(claimants.of(apiKey));
            case DISABLED, LOCKED -> invalidUse.send(claimants.of(apiKey));
            case AUTHENTICATED -> {
                Brand brand = authentication.principal();
                IssuedToken token = minter.mint(TokenKind.BRAND, brand.id(), brand.id(), brand.scopes(), lifetime);
                issued.record();
                yield ServerResponse.ok()
                        .header(GenuinToken.HEADER, token.value())
                        .contentType(MediaType.APPLICATION_JSON)
                        .cacheControl(CacheControl.noStore())
                        .bodyValue(successBody);
            }
        };
    }

    private static IssuerResponse error(GenuinError error, IssuerMeters meters) {
        return IssuerResponse.of(error.status(), MediaType.APPLICATION_JSON, error.body(),
                meters.rejection(error.code()));
    }

    private record BrandCredentials(String apiKey, String apiSecret) {}
}
