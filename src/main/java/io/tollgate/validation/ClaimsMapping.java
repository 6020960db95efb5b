package io.tollgate.validation;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tollgate.token.AccessToken;
import io.tollgate.token.AccessTokenClaims;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How one issuer's verified claims read as an {@link AccessToken}: Tollgate's own names ({@link
 * AccessTokenClaims}), or an external issuer's configured mapping ({@link ExternalClaims}).
 */
interface ClaimsMapping {

    /** Tollgate's own tokens: the claims every one carries, and its optional scope and client. */
    ClaimsMapping TOLLGATE = new ClaimsMapping() {

        private final Set<String> names = union(AccessTokenClaims.REQUIRED,
                List.of(AccessTokenClaims.SCOPE, AccessTokenClaims.CLIENT_ID));

        @Override
        public AccessToken read(JWTClaimsSet claims) throws ParseException {
            return AccessTokenClaims.fromClaims(claims);
        }

        @Override
        public Set<String> names() {
            return names;
        }
    };

    /**
     * @param claims claims whose signature, issuer, lifetime and audience were verified
     * @throws ParseException when a mapped claim is missing or of the wrong type
     */
    AccessToken read(JWTClaimsSet claims) throws ParseException;

    /**
     * Every claim {@link #read} looks at: the claims read from a token are these and the ones the
     * issuers' checks use, no others ({@link ClaimsReader}).
     */
    Set<String> names();

    private static Set<String> union(Set<String> some, List<String> others) {
        Set<String> names = new HashSet<>(some);
        names.addAll(others);
        return Set.copyOf(names);
    }
}
