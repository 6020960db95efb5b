package io.tollgate.gateway;

import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.issuer.KeyRing;
import io.tollgate.issuer.SigningKeys;
import io.tollgate.issuer.TokenMinter;
import io.tollgate.store.FailurePolicy;
import io.tollgate.store.MemoryCutOffStore;
import io.tollgate.store.MemoryRevocationStore;
import io.tollgate.store.StoreAvailability;
import io.tollgate.support.TestKeys;
import io.tollgate.support.Tokens;
import io.tollgate.token.TokenKind;
import io.tollgate.validation.KeycloakShapedIssuer;
import io.tollgate.validation.RevocationCheck;
import io.tollgate.validation.TokenVerifier;
import io.tollgate.validation.TrustedIssuers;
import io.tollgate.validation.ValidationCaches;
import io.tollgate.validation.ValidationProperties;
import io.tollgate.validation.ValidationService;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What Tollgate's guard costs per request, apart from the gateway around it: {@link
 * TokenGuardFilter#filter} on a request like the load benchmark's (a handful of headers), with a
 * chain that ends at once, against the same request passed to the chain unfiltered ({@code
 * baseline}). Of the exchange it is given, the guard only sets the caller attribute, to the same
 * token on every call, so each benchmark reuses one exchange and measures the guard alone. The
 * difference is the guard's own work: route policy, extraction, the cached validation, the policy
 * check, the look for client identity headers and the meter. The identity headers themselves are
 * written later, by {@link IdentityHeadersFilter} on the gateway's copy for the upstream request,
 * and are not in this figure. The guarded route trusts Tollgate and a Keycloak-shaped external
 * issuer ({@link KeycloakShapedIssuer}), so {@code cachedBearer} and {@code cachedExternalBearer}
 * compare the two issuers' cached tokens on one route, in one run.
 *
 * <p>Run: {@code ./mvnw -Pjmh verify -Djmh.args="GuardBenchmark"} (see docs/BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GuardBenchmark {

    private static final GatewayFilterChain CHAIN = exchange -> Mono.empty();

    private TokenGuardFilter filter;
    private ServerWebExchange openRequest;
    private ServerWebExchange bearerRequest;
    private ServerWebExchange gnRequest;
    private ServerWebExchange externalRequest;
    private ServerWebExchange paddedRequest;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        KeyRing keys = new KeyRing(Tokens.ISSUER, new JWKSet(List.of(TestKeys.ACTIVE)), null, SignatureCrypto.jdk());
        KeycloakShapedIssuer keycloak = new KeycloakShapedIssuer();
        TrustedIssuers issuers = keycloak.withTollgate(keys, Duration.ofSeconds(30), SignatureCrypto.jdk());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ValidationProperties properties = new ValidationProperties(Duration.ofSeconds(30), 8192,
                new ValidationProperties.Cache(1_000, 1_000, Duration.ofMinutes(10)),
                new ValidationProperties.NegativeCache(1_000, Duration.ofSeconds(30)));
        Timer timer = Timer.builder("bench").publishPercentileHistogram().register(registry);
        ValidationService validation = new ValidationService(new TokenVerifier(issuers),
                new RevocationCheck(new MemoryRevocationStore(clock, properties.clockSkew()),
                        new MemoryCutOffStore(clock)),
                ValidationCaches.create(properties, clock), 8192, timer, timer,
                StoreAvailability.ALWAYS, FailurePolicy.FAIL_CLOSED, registry.counter("bench.fail-open"));
        filter = new TokenGuardFilter(new RoutePolicies(issuers.ids()), new Guard(validation,
                new GuardMeters(registry, issuers.ids()), new ErrorDialects(), RouteRateLimits.disabled()));
        Route guarded = route("guarded", Map.of("auth", "required", "schemes", List.of("gn-access-token", "bearer"),
                "kinds", List.of("brand", "oauth-app"), "issuers", List.of("tollgate", KeycloakShapedIssuer.ID),
                "dialect", "genuin"));
        Route open = route("open", Map.of("auth", "none"));
        String token = minter(keys, clock)
                .mint(TokenKind.BRAND, "acme", "acme", List.of("content:read", "content:write"), Duration.ofHours(1))
                .value();
        String external = keycloak.token();
        String padded = padded(minter(keys, clock), external.length());
        for (String cached : List.of(token, external, padded)) {
            validation.validate(cached).block();
            validation.validate(cached).block();
        }
        openRequest = exchange(open, null, null);
        bearerRequest = exchange(guarded, "Authorization", "Bearer " + token);
        gnRequest = exchange(guarded, "gn-access-token", token);
        externalRequest = exchange(guarded, "Authorization", "Bearer " + external);
        paddedRequest = exchange(guarded, "Authorization", "Bearer " + padded);
        if (filter.filter(externalRequest, CHAIN).then(Mono.fromSupplier(() ->
                externalRequest.getAttribute(TokenGuardFilter.CALLER_ATTRIBUTE))).block() == null) {
            throw new IllegalStateException("The guard refused the Keycloak-shaped token");
        }
    }

    /** The request passed on without the guard: what every other case includes. */
    @Benchmark
    public Object baseline() {
        return CHAIN.filter(openRequest).block();
    }

    /** An {@code auth: none} route: client identity headers are looked for and none found. */
    @Benchmark
    public Object open() {
        return filter.filter(openRequest, CHAIN).block();
    }

    @Benchmark
    public Object cachedBearer() {
        return filter.filter(bearerRequest, CHAIN).block();
    }

    @Benchmark
    public Object cachedGnAccessToken() {
        return filter.filter(gnRequest, CHAIN).block();
    }

    /**
     * {@link #cachedBearer} with a token of an external issuer ({@link KeycloakShapedIssuer}) on
     * the same route: the goal of issue #15 is that it costs the same.
     */
    @Benchmark
    public Object cachedExternalBearer() {
        return filter.filter(externalRequest, CHAIN).block();
    }

    /**
     * {@link #cachedBearer} with a Tollgate token as long as the Keycloak-shaped one (padded with
     * scopes): what {@link #cachedExternalBearer} costs beyond {@link #cachedBearer} for its
     * length alone (the token is copied and compared whole on every hit).
     */
    @Benchmark
    public Object cachedLongBearer() {
        return filter.filter(paddedRequest, CHAIN).block();
    }

    private static TokenMinter minter(KeyRing keys, Clock clock) {
        return new TokenMinter(SigningKeys.fixed(keys), List.of("tollgate"), clock);
    }

    /** A brand token with scopes {@code pad-1 pad-2 …} added until it is at least {@code length} long. */
    private static String padded(TokenMinter minter, int length) {
        List<String> scopes = new ArrayList<>(List.of("content:read", "content:write"));
        String token = "";
        while (token.length() < length) {
            scopes.add("pad-" + scopes.size());
            token = minter.mint(TokenKind.BRAND, "acme", "acme", scopes, Duration.ofHours(1)).value();
        }
        return token;
    }

    private static ServerWebExchange exchange(Route route, String header, String value) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("http://127.0.0.1:18080/guarded/x")
                .header("Host", "127.0.0.1:18080")
                .header("User-Agent", "wrk")
                .header("Accept", "*/*");
        if (header != null) {
            request.header(header, value);
        }
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
        return exchange;
    }

    private static Route route(String id, Map<String, Object> policy) {
        return Route.async()
                .id(id)
                .uri(URI.create("http://127.0.0.1:18090"))
                .predicate(exchange -> true)
                .metadata(Map.of(RoutePolicies.METADATA_KEY, policy))
                .build();
    }
}
