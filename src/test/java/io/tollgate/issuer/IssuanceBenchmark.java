package io.tollgate.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.util.Base64URL;
import io.tollgate.TollgateApplication;
import io.tollgate.support.Demo;
import io.tollgate.token.TokenKind;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

/**
 * The whole issuance path of the load benchmark's cases F-brand and F-cc, in process: Tollgate
 * started with {@code bench/config/application.yml} (the gateway's issuer routes, {@code
 * forward://} to the handlers, the demo credentials, a key generated at start), and each request
 * handed to the application's {@link HttpHandler} (every web filter, the gateway's routing and
 * filters, the forward, the handler, the response written) as Reactor Netty would hand it, minus
 * Netty's HTTP codec and the socket. Against it, what signing alone costs: {@code mint} (the claims,
 * nimbus's JWS and the signature) and {@code sign} (nimbus's signer on a ready signing input: the
 * RSA operation and little else). {@code brand − sign} is what issuance spends on anything but the
 * signature; {@code -prof gc} gives what each allocates.
 *
 * <p>Run: {@code ./mvnw -Pjmh verify -Djmh.args="IssuanceBenchmark -prof gc"} (docs/BENCHMARKS.md,
 * "Issuance (issue #18)").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
public class IssuanceBenchmark {

    private static final URI BRAND = URI.create("http://127.0.0.1:18080/api/thirdparty/auth");
    private static final URI REQUEST_TOKEN = URI.create("http://127.0.0.1:18080/platform/oauth/request_token");
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40_000);
    private static final String BRAND_BODY =
            "{\"api_key\":\"" + Demo.BRAND_KEY + "\",\"api_secret\":\"" + Demo.BRAND_SECRET + "\"}";
    private static final String CLIENT_BASIC = "Basic " + Base64.getEncoder().encodeToString(
            "demo-web:demo-web-secret-8f14e45fceea167a5a36dedd4bea2543".getBytes(StandardCharsets.UTF_8));

    /** {@code tollgate.crypto.provider}: {@code native} (the default where it loads) or {@code jdk}. */
    @Param({"native"})
    public String provider;

    private ConfigurableApplicationContext context;
    private HttpHandler server;
    private TokenMinter minter;
    private KeyRing keys;
    private byte[] signingInput;

    @Setup
    public void setUp() {
        context = new SpringApplicationBuilder(TollgateApplication.class).run(
                "--spring.config.location=optional:classpath:/,file:bench/config/application.yml",
                "--tollgate.credentials.location=file:config/credentials.yml",
                "--tollgate.crypto.provider=" + provider,
                "--server.port=0",
                "--management.server.port=0",
                "--bench.upstream-port=9",
                "--logging.level.root=WARN");
        server = context.getBean(HttpHandler.class);
        minter = context.getBean(TokenMinter.class);
        keys = context.getBean(SigningKeys.class).current();
        String token = minter.mint(TokenKind.BRAND, "acme", "acme", List.of("content:read", "content:write"),
                Duration.ofHours(1)).value();
        signingInput = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        require(brand(), "F-brand");
        require(clientCredentials(), "F-cc");
    }

    @TearDown
    public void tearDown() {
        context.close();
    }

    /** F-brand: {@code POST /api/thirdparty/auth} with the demo brand's key and secret. */
    @Benchmark
    public MockServerHttpResponse brand() {
        return send(MockServerHttpRequest.method(HttpMethod.POST, BRAND),
                MediaType.APPLICATION_JSON, BRAND_BODY);
    }

    /** F-cc: {@code client_credentials} at {@code request_token}, the demo client in HTTP Basic. */
    @Benchmark
    public MockServerHttpResponse clientCredentials() {
        return send(MockServerHttpRequest.method(HttpMethod.POST, REQUEST_TOKEN)
                        .header(HttpHeaders.AUTHORIZATION, CLIENT_BASIC),
                MediaType.APPLICATION_FORM_URLENCODED, "grant_type=client_credentials");
    }

    /** The token alone: claims, nimbus's JWS, the signature. */
    @Benchmark
    public IssuedToken mint() {
        return minter.mint(TokenKind.BRAND, "acme", "acme", List.of("content:read", "content:write"),
                Duration.ofHours(1));
    }

    /** The signature alone, of a ready signing input: the floor of every token. */
    @Benchmark
    public Base64URL sign() throws JOSEException {
        return keys.signer().sign(keys.signingHeader(), signingInput);
    }

    private MockServerHttpResponse send(MockServerHttpRequest.BodyBuilder request, MediaType type, String body) {
        MockServerHttpRequest built = request
                .remoteAddress(CLIENT)
                .header(HttpHeaders.HOST, "127.0.0.1:18080")
                .header(HttpHeaders.USER_AGENT, "wrk")
                .contentType(type)
                .body(body);
        MockServerHttpResponse response = new MockServerHttpResponse();
        server.handle(built, response).block();
        return response;
    }

    private static void require(MockServerHttpResponse response, String name) {
        if (response.getStatusCode() != HttpStatus.OK) {
            throw new IllegalStateException(name + " answered " + response.getStatusCode() + ": "
                    + response.getBodyAsString().block());
        }
    }
}
