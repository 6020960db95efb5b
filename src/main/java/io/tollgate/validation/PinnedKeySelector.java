package io.tollgate.validation;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import io.tollgate.token.TrustedIssuer;
import io.tollgate.token.VerificationKey;
import java.security.Key;
import java.util.List;

/**
 * Selects the verification key named by a token's {@code kid}, and only when the token's {@code
 * alg} is the one that key is pinned to. Headers that point at other keys ({@code jku}, {@code
 * x5u}, an embedded {@code jwk} or {@code x5c}) are never honoured: a token carrying one gets no
 * key at all.
 */
final class PinnedKeySelector implements JWSKeySelector<SecurityContext> {

    private final TrustedIssuer keys;

    PinnedKeySelector(TrustedIssuer keys) {
        this.keys = keys;
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) {
        if (header.getJWKURL() != null
                || header.getX509CertURL() != null
                || header.getJWK() != null
                || header.getX509CertChain() != null
                || header.getKeyID() == null) {
            return List.of();
        }
        VerificationKey key = keys.find(header.getKeyID());
        if (key == null || !key.algorithm().equals(header.getAlgorithm())) {
            return List.of();
        }
        return key.keys();
    }
}
