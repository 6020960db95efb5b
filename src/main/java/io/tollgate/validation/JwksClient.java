package io.tollgate.validation;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.token.VerificationKey;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Reads the issuer's JWK set over HTTP with WebClient (non-blocking, on Reactor Netty's event
 * loops) and keeps the keys fit to verify tokens: public keys that name both {@code kid} and {@code
 * alg}, each pinned to its algorithm ({@link VerificationKey}). A private key or a symmetric
 * ({@code oct}) key has no business in a published set and is never trusted; keys marked for
 * encryption, or of a type the JDK cannot verify with, are skipped; for an external issuer, so
 * are keys whose algorithm is not one it is pinned to. Two keys with one {@code kid}
 * make the whole document unusable, since a token could then not name its key unambiguously.
 */
final class JwksClient {

    /**
     * The most a JWK set document may weigh. A set of a few keys takes a few kilobytes; the bound
     * only stops a misbehaving endpoint from making the gateway buffer without limit.
     */
    static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    private static final Map<KeyType, JWSAlgorithm.Family> FAMILIES = Map.of(
            KeyType.RSA, JWSAlgorithm.Family.RSA, KeyType.EC, JWSAlgorithm.Family.EC, KeyType.OKP,
            JWSAlgorithm.Family.ED);

    private final WebClient web;
    private final Supplier<Mono<URI>> location;
    private final String source;
    private final Duration timeout;
    private final SignatureCrypto crypto;
    private final Set<JWSAlgorithm> pinned;

    /** Tollgate's own JWK set, at {@code uri}: every key with its own {@code alg}. */
    JwksClient(URI uri, Duration timeout, SignatureCrypto crypto) {
        this(() -> Mono.just(uri), source(uri), timeout, crypto, null);
    }

    /**
     * An external issuer's JWK set, named directly or found in its metadata ({@link
     * IssuerDiscovery}).
     *
     * @param pinned the only algorithms a key may verify: a key naming another {@code alg} is
     *     skipped, and a key naming none is pinned to the one pinned algorithm that fits its type
     *     (skipped when none or several fit)
     */
    JwksClient(Supplier<Mono<URI>> location, String source, Duration timeout, SignatureCrypto crypto,
            Set<JWSAlgorithm> pinned) {
        this.web = WebClient.builder()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_DOCUMENT_BYTES))
                .build();
        this.location = location;
        this.source = source;
        this.timeout = timeout;
        this.crypto = crypto;
        this.pinned = pinned == null ? null : Set.copyOf(pinned);
    }

    /** One read of the set: the usable keys by {@code kid}, or an error. */
    Mono<Map<String, VerificationKey>> fetch() {
        return location.get().flatMap(uri -> web.get()
                .uri(uri)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class)
                .switchIfEmpty(Mono.error(() -> new IllegalArgumentException("The JWK set response is empty")))
                .timeout(timeout))
                .map(document -> verificationKeys(document, crypto, pinned));
    }

    /** Where the set is read from, for log lines. */
    String source() {
        return source;
    }

    /** The URL without any user information or query. */
    static String source(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + uri.getRawPath();
    }

    static Map<String, VerificationKey> verificationKeys(String document, SignatureCrypto crypto) {
        return verificationKeys(document, crypto, null);
    }

    static Map<String, VerificationKey> verificationKeys(
            String document, SignatureCrypto crypto, Set<JWSAlgorithm> pinned) {
        JWKSet set;
        try {
            set = JWKSet.parse(document);
        } catch (ParseException e) {
            throw new IllegalArgumentException("The response is not a JWK set");
        }
        Map<String, VerificationKey> keys = new HashMap<>();
        for (JWK published : set.getKeys()) {
            JWK jwk = pinned == null ? published : pinnedTo(published, pinned);
            if (jwk == null || !publishable(jwk)) {
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

    /**
     * The key with its algorithm pinned: its own {@code alg} when that is one of {@code pinned},
     * else the one pinned algorithm of its family when it names none; {@code null} otherwise.
     */
    private static JWK pinnedTo(JWK jwk, Set<JWSAlgorithm> pinned) {
        if (jwk.getAlgorithm() != null) {
            return pinned.contains(JWSAlgorithm.parse(jwk.getAlgorithm().getName())) ? jwk : null;
        }
        JWSAlgorithm.Family family = FAMILIES.get(jwk.getKeyType());
        List<JWSAlgorithm> fitting = family == null
                ? List.of()
                : pinned.stream().filter(family::contains).toList();
        if (fitting.size() != 1) {
            return null;
        }
        try {
            Map<String, Object> json = new HashMap<>(jwk.toJSONObject());
            json.put("alg", fitting.get(0).getName());
            return JWK.parse(json);
        } catch (ParseException e) {
            return null;
        }
    }

    private static boolean publishable(JWK jwk) {
        return jwk.getKeyID() != null
                && jwk.getAlgorithm() != null
                && !jwk.isPrivate()
                && jwk.getKeyType() != KeyType.OCT
                && (jwk.getKeyUse() == null || KeyUse.SIGNATURE.equals(jwk.getKeyUse()));
    }
}
