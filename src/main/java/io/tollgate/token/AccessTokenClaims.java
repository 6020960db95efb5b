package io.tollgate.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place that knows how an {@link AccessToken} is spelled as JWT claims (RFC 9068 names,
 * plus Tollgate's {@code kind}). The issuer writes with it and the validator reads with it.
 */
public final class AccessTokenClaims {

    /** RFC 9068 media type of JWT access tokens, the {@code typ} header of every Tollgate token. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

    /** The claim that names the token's {@link TokenKind}. */
    public static final String KIND = "kind";
    /** RFC 9068 / RFC 8693 client identifier claim. */
    public static final String CLIENT_ID = "client_id";
    /** RFC 9068 / RFC 8693 space-separated scope claim. */
    public static final String SCOPE = "scope";

    /** Claims every Tollgate access token must carry. */
    public static final Set<String> REQUIRED = Set.of("iss", "sub", "aud", "exp", "iat", "jti", KIND);

    private AccessTokenClaims() {}

    public static JWTClaimsSet toClaims(AccessToken token, String issuer) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(token.subject())
                .audience(token.audiences())
                .issueTime(Date.from(Instant.ofEpochSecond(token.issuedAtEpochSecond())))
                .expirationTime(Date.from(Instant.ofEpochSecond(token.expiresAtEpochSecond())))
                .jwtID(token.tokenId())
                .claim(KIND, token.kind().claimValue())
                .claim(SCOPE, token.scopeString());
        if (!token.clientId().isEmpty()) {
            claims.claim(CLIENT_ID, token.clientId());
        }
        return claims.build();
    }

    /**
     * Reads a Tollgate token's claims after its signature and standard claims were verified ({@link
     * #REQUIRED} among them, so {@code iat} and {@code exp} are present).
     *
     * @throws ParseException when a Tollgate claim has the wrong type or an unknown value
     */
    public static AccessToken fromClaims(JWTClaimsSet claims) throws ParseException {
        String kind = claims.getStringClaim(KIND);
        String scope = claims.getStringClaim(SCOPE);
        String clientId = claims.getStringClaim(CLIENT_ID);
        TokenKind tokenKind;
        try {
            tokenKind = TokenKind.fromClaimValue(kind);
        } catch (IllegalArgumentException e) {
            throw new ParseException("Unknown token kind", 0);
        }
        Set<String> scopes = new TreeSet<>();
        if (scope != null) {
            for (String name : scope.split(" ")) {
                if (!name.isEmpty()) {
                    scopes.add(name);
                }
            }
        }
        return new AccessToken(
                AccessToken.TOLLGATE,
                claims.getJWTID(),
                claims.getSubject(),
                tokenKind,
                clientId == null ? "" : clientId,
                scopes,
                claims.getAudience(),
                claims.getIssueTime().toInstant().getEpochSecond(),
                claims.getExpirationTime().toInstant().getEpochSecond());
    }
}
