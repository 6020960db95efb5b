package io.tollgate.validation;

import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import io.tollgate.token.AccessToken;
import io.tollgate.token.TokenKind;
import java.text.ParseException;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An external issuer's claims read as an {@link AccessToken}, by its configured names: the subject
 * ({@code sub}), the scopes (a space-separated string such as {@code scope}, or a JSON array such
 * as Entra ID's {@code scp}), the client ({@code azp} or {@code client_id}; none: the empty
 * string), and the kind, fixed or decided by whether a claim is present ({@link KindRule}). A token
 * without {@code jti} gets the empty token id: it can be cut off by subject or client, not alone.
 *
 * @param issuer the issuer id every token of this issuer carries
 * @param subject the claim that names the subject
 * @param scopes the claim that carries the scopes
 * @param client the claim that names the client
 * @param kind how each token's kind is decided
 */
record ExternalClaims(String issuer, String subject, String scopes, String client, KindRule kind)
        implements ClaimsMapping {

    @Override
    public AccessToken read(JWTClaimsSet claims) throws ParseException {
        String subjectValue = claims.getStringClaim(subject);
        if (subjectValue == null || subjectValue.isEmpty()) {
            throw new ParseException("No subject claim " + subject, 0);
        }
        String clientValue = claims.getStringClaim(client);
        Date issuedAt = claims.getIssueTime();
        String tokenId = claims.getJWTID();
        return new AccessToken(issuer, tokenId == null ? "" : tokenId, subjectValue, kind.of(claims),
                clientValue == null ? "" : clientValue, scopes(claims), claims.getAudience(),
                issuedAt.toInstant().getEpochSecond(), claims.getExpirationTime().toInstant().getEpochSecond());
    }

    /** The mapped claims, the kind rule's claim, and the registered ones read: jti, aud, iat, exp. */
    @Override
    public Set<String> names() {
        Set<String> names = new HashSet<>(List.of(subject, scopes, client, JWTClaimNames.JWT_ID,
                JWTClaimNames.AUDIENCE, JWTClaimNames.ISSUED_AT, JWTClaimNames.EXPIRATION_TIME));
        if (kind.claim() != null) {
            names.add(kind.claim());
        }
        return Set.copyOf(names);
    }

    private Set<String> scopes(JWTClaimsSet claims) throws ParseException {
        Object value = claims.getClaim(scopes);
        Set<String> names = new TreeSet<>();
        if (value == null) {
            return names;
        }
        if (value instanceof String text) {
            for (String name : text.split(" ")) {
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            return names;
        }
        if (value instanceof List<?> list) {
            for (Object name : list) {
                if (!(name instanceof String text) || text.isEmpty() || text.contains(" ")) {
                    throw new ParseException("The scopes claim " + scopes + " has an item that is no scope", 0);
                }
                names.add(text);
            }
            return names;
        }
        throw new ParseException("The scopes claim " + scopes + " is neither a string nor an array", 0);
    }

    /**
     * How a token's kind is decided: {@code kind: oauth-user} for every token, or by whether a
     * claim is present ({@code kind-rule: {claim: client_id, present: oauth-app, absent:
     * oauth-user}}: Keycloak puts {@code client_id} in its client-credentials tokens only).
     *
     * @param claim the claim looked at, or {@code null} for a fixed kind
     * @param present the kind when the claim is present (the fixed kind when {@code claim} is null)
     * @param absent the kind when it is not
     */
    record KindRule(String claim, TokenKind present, TokenKind absent) {

        static KindRule fixed(TokenKind kind) {
            return new KindRule(null, kind, kind);
        }

        TokenKind of(JWTClaimsSet claims) {
            return claim == null || claims.getClaim(claim) != null ? present : absent;
        }
    }
}
