package io.tollgate.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OAuth/OIDC identity provider for the tests, over real HTTP on a random port: its issuer is
 * {@code http://127.0.0.1:<port>/realms/<realm>}, it serves its discovery document at {@code
 * {issuer}/.well-known/openid-configuration} and its JWK set at {@code {issuer}/jwks}, and signs
 * RS256 tokens with its own key, as Keycloak does. The JWK set can carry extra keys, and can be
 * held ({@link #hold}): its requests then get no answer until {@link #release}.
 */
public final class FakeIdentityProvider implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RSAKey key;
    private final String realm;
    private final List<JWK> extraKeys = new ArrayList<>();
    private final AtomicInteger jwksReads = new AtomicInteger();
    private final AtomicReference<Sinks.Empty<Void>> held = new AtomicReference<>();
    private final AtomicInteger oauthMetadataReads = new AtomicInteger();
    private volatile String documentIssuer;
    private volatile boolean oauthMetadataOnly;
    private final DisposableServer server;

    /** A provider whose realm {@code realm} signs with an RS256 key named {@code kid}. */
    public FakeIdentityProvider(String realm, String kid) {
        this.key = TestKeys.rsa(kid);
        this.realm = realm;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes
                        .get("/realms/" + realm + "/.well-known/openid-configuration", (request, response) ->
                                oauthMetadataOnly
                                        ? response.status(404).send()
                                        : response.header("Content-Type", "application/json").sendString(
                                                Mono.fromSupplier(this::discoveryDocument)))
                        .get("/.well-known/oauth-authorization-server/realms/" + realm, (request, response) -> {
                            if (!oauthMetadataOnly) {
                                return response.status(404).send();
                            }
                            oauthMetadataReads.incrementAndGet();
                            return response.header("Content-Type", "application/json").sendString(
                                    Mono.fromSupplier(this::discoveryDocument));
                        })
                        .get("/realms/" + realm + "/jwks", (request, response) -> {
                            jwksReads.incrementAndGet();
                            Sinks.Empty<Void> hold = held.get();
                            Mono<Void> wait = hold == null ? Mono.empty() : hold.asMono();
                            return response.header("Content-Type", "application/json")
                                    .sendString(wait.then(Mono.fromSupplier(this::jwks)));
                        }))
                .bindNow();
        this.documentIssuer = issuer();
    }

    /** The exact {@code iss} of its tokens. */
    public String issuer() {
        return "http://127.0.0.1:" + server.port() + "/realms/" + realm;
    }

    /** Its JWK set's URL. */
    public String jwksUri() {
        return issuer() + "/jwks";
    }

    /** Its signing key. */
    public RSAKey key() {
        return key;
    }

    /** How many times its JWK set was asked for. */
    public int jwksReads() {
        return jwksReads.get();
    }

    /**
     * It publishes its metadata as an OAuth 2.0 authorization server only, as RFC 8414 has it
     * ({@code /.well-known/oauth-authorization-server/realms/<realm>}, the path form for an issuer
     * with a path); its OpenID Connect discovery document answers 404.
     */
    public FakeIdentityProvider oauthMetadataOnly() {
        this.oauthMetadataOnly = true;
        return this;
    }

    /** How many times its RFC 8414 metadata was read. */
    public int oauthMetadataReads() {
        return oauthMetadataReads.get();
    }

    /** Its discovery document names {@code issuer} from now on, as a misconfigured one would. */
    public FakeIdentityProvider namingIssuer(String issuer) {
        this.documentIssuer = issuer;
        return this;
    }

    /** Publishes {@code extra} beside its own key. */
    public FakeIdentityProvider publishing(JWK extra) {
        extraKeys.add(extra);
        return this;
    }

    /** Its JWK set answers nothing from now on, until {@link #release}. */
    public FakeIdentityProvider hold() {
        held.set(Sinks.empty());
        return this;
    }

    /** Whether its JWK set is held: {@link #hold} called, {@link #release} not yet. */
    public boolean isHeld() {
        return held.get() != null;
    }

    /** The held JWK set requests are answered, and the next ones at once. */
    public void release() {
        Sinks.Empty<Void> hold = held.getAndSet(null);
        if (hold != null) {
            hold.tryEmitEmpty();
        }
    }

    /** Claims of a valid user token: subject alice, audience content-api, client web, one hour. */
    public JWTClaimsSet.Builder userClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("alice")
                .audience(List.of("content-api", "account"))
                .issueTime(Date.from(now.minusSeconds(1)))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString())
                .claim("azp", "web")
                .claim("scope", "openid content:read");
    }

    /** Signed RS256 with its key, {@code typ: JWT}, as Keycloak signs. */
    public String sign(JWTClaimsSet claims) {
        return Tokens.sign(header().build(), claims, signer(key));
    }

    /** The header its key writes. */
    public JWSHeader.Builder header() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID());
    }

    public static RSASSASigner signer(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String discoveryDocument() {
        return JSON.writeValueAsString(Map.of("issuer", documentIssuer, "jwks_uri", jwksUri(),
                "token_endpoint", issuer() + "/token"));
    }

    private String jwks() {
        List<JWK> keys = new ArrayList<>(List.of(key.toPublicJWK()));
        keys.addAll(extraKeys);
        return new JWKSet(keys).toString(false);
    }

    @Override
    public void close() {
        release();
        server.disposeNow();
    }
}
