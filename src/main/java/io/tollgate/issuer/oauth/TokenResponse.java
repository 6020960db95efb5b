package io.tollgate.issuer.oauth;

import io.tollgate.issuer.IssuedToken;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A successful token response (RFC 6749 §5.1).
 *
 * @param accessToken the issued access token
 * @param refreshToken the new refresh token, or {@code null} when the grant gives none
 */
record TokenResponse(IssuedToken accessToken, String refreshToken) {

    /** The JSON body, {@code state} echoed when the request carried one. */
    Map<String, Object> body(String state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken.value());
        body.put("token_type", "bearer");
        body.put("expires_in", accessToken.expiresIn());
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        body.put("scope", accessToken.token().scopeString());
        if (state != null) {
            body.put("state", state);
        }
        return body;
    }
}
