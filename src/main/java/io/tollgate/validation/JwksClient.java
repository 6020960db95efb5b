package io.tollgate.validation;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import io.tollgate.crypto.SignatureCrypto;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Reads the issuer's JWK set over HTTP with WebClient (non-blocking, on Reactor Netty's event
 * loops) and keeps the keys fit to verify tokens: public keys that name both {@code kid} and {@code
 * alg}, each pinned to its algorithm ({@link VerificationKey}). A private key or a symmetric
 * ({@code oct}) key has no business in a published set and is never trusted; keys marked for
 * encryption, or of a type the JDK cannot verify with, are skipped. Two keys with one {@code kid}
 * make the whole document unusable, since a token could then not name its key unambiguously.
 */
final class JwksClient {

    /**
     * The most a JWK set document may weigh. A set of a few keys takes a few kilobytes; the bound
     * only stops a misbehaving endpoint from making the gateway buffer without limit.
     */
    static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    private final WebClient web;
    private final URI uri;
    private final Duration timeout;
    private final SignatureCrypto crypto;

    JwksClient(URI uri, Duration timeout, SignatureCrypto crypto) {
        this.web = WebClient.builder()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_DOCUMENT_BYTES))
                .build();
        this.uri = uri;
        this.timeout = timeout;
        this.crypto = crypto;
    }

    /** One read of the set: the usable keys by {@code kid}, or an error. */
    Mono<Map<String, VerificationKey>> fetch() {
        return web.get()
                .uri(uri)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class)
                .switchIfEmpty(Mono.error(() -> new IllegalArgumentException("The JWK set response is empty")))
                .timeout(timeout)
                .map(document -> verificationKeys(document, crypto));
    }

    /** Where the set is read from, for log lines: the URL without any user information. */
    String source() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + uri.getRawPath();
    }

    static Map<String, VerificationKey> verificationKeys(String document, SignatureCrypto crypto) {
        JWKSet set;
        try {
            set = JWKSet.parse(document);
        } catch (ParseException e) {
            throw new IllegalArgumentException("The response is not a JWK set");
        }
        Map<String, VerificationKey> keys = new HashMap<>();
        for (JWK jwk : set.getKeys()) {
            if (!publishable(jwk)) {
                continue;
            }
            VerificationKey key;
            try {
                key = VerificationKey.of(jwk, crypto);
            } catch (IllegalArgumentException unusable) {
                continue;
            }
            if (keys.putIfAbsent(key.keyId(), key) != null) {
                throw new IllegalArgumentException("The JWK set names kid " + key.keyId() + " twice");
            }
        }
        return Map.copyOf(keys);
    }

    private static boolean publishable(JWK jwk) {
        return jwk.getKeyID() != null
                && jwk.getAlgorithm() != null
                && !jwk.isPrivate()
                && jwk.getKeyType() != KeyType.OCT
                && (jwk.getKeyUse() == null || KeyUse.SIGNATURE.equals(jwk.getKeyUse()));
    }
}
