package io.tollgate.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Finds an issuer's JWK set from its metadata: OpenID Connect Discovery's {@code
 * {issuer}/.well-known/openid-configuration}, and when that is not found (404), RFC 8414's {@code
 * /.well-known/oauth-authorization-server} inserted before the issuer's path. Either document must
 * name exactly the configured issuer (OIDC Discovery 4.3, RFC 8414 3.3): one naming another is
 * refused ({@link IssuerMismatch}), since its keys would vouch for tokens of an issuer nobody
 * configured. What it found is kept, so the metadata is read once, not on every key refresh.
 */
final class IssuerDiscovery {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    private final WebClient web;
    private final String issuer;
    private final Duration timeout;
    private volatile URI jwksUri;

    IssuerDiscovery(String issuer, Duration timeout) {
        this.web = WebClient.builder()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(JwksClient.MAX_DOCUMENT_BYTES))
                .build();
        this.issuer = issuer;
        this.timeout = timeout;
    }

    /** The JWK set's URL: from the metadata read before, or read now. */
    Mono<URI> jwksUri() {
        URI known = jwksUri;
        if (known != null) {
            return Mono.just(known);
        }
        String trimmed = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        URI base = URI.create(trimmed);
        URI oidc = URI.create(trimmed + "/.well-known/openid-configuration");
        URI rfc8414 = base.resolve("/.well-known/oauth-authorization-server" + base.getRawPath());
        return read(oidc)
                .onErrorResume(WebClientResponseException.NotFound.class, notFound -> read(rfc8414))
                .doOnNext(found -> jwksUri = found);
    }

    /** Where the metadata is read from, for log lines. */
    String source() {
        return issuer;
    }

    private Mono<URI> read(URI document) {
        return web.get()
                .uri(document)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(JSON_OBJECT)
                .switchIfEmpty(Mono.error(() -> new IllegalArgumentException("The metadata document is empty")))
                .timeout(timeout)
                .map(this::jwksUriOf);
    }

    private URI jwksUriOf(Map<String, Object> metadata) {
        if (!issuer.equals(metadata.get("issuer"))) {
            throw new IssuerMismatch(issuer, metadata.get("issuer") instanceof String named ? named : "none");
        }
        if (!(metadata.get("jwks_uri") instanceof String uri)) {
            throw new IllegalArgumentException("The metadata document names no jwks_uri");
        }
        try {
            URI parsed = new URI(uri);
            if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
                throw new IllegalArgumentException("The metadata document's jwks_uri is not an http or https URL");
            }
            return parsed;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The metadata document's jwks_uri is not a URL");
        }
    }

    /** A metadata document that names another issuer than the one configured. */
    static final class IssuerMismatch extends IllegalArgumentException {

        private final String named;

        IssuerMismatch(String configured, String named) {
            super("The metadata of " + configured + " names the issuer " + named);
            this.named = named;
        }

        /** The issuer the document named, or {@code none}. */
        String named() {
            return named;
        }
    }
}
