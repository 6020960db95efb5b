package io.tollgate.issuer.oauth;

import io.tollgate.credentials.AccountAuthenticator;
import io.tollgate.credentials.Authentication;
import io.tollgate.credentials.Credentials;
import io.tollgate.credentials.CredentialsSource;
import io.tollgate.credentials.OAuthClient;
import io.tollgate.issuer.FormBody;
import io.tollgate.issuer.Lockout;
import io.tollgate.issuer.MalformedRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * Who is calling the token endpoint (RFC 6749 §2.3): a confidential client by {@code
 * client_secret} parameter or HTTP Basic, never both; a public client by {@code client_id} alone,
 * and then it must not present a secret. Whether a client is confidential is its registered type,
 * never whether a secret of it is still unexpired: a confidential client whose every secret expired
 * is refused, it does not turn public. A suspended client is refused like an unknown one. Repeated
 * wrong secrets lock the client address, never the client id, since anyone can send a wrong secret
 * under someone else's id ({@link Lockout}); a locked address gets {@code invalid_client} like a
 * wrong secret.
 */
final class ClientAuthentication {

    private static final String BASIC = "Basic ";

    private final CredentialsSource clients;
    private final AccountAuthenticator<OAuthClient> secrets;
    private final Lockout lockout;

    ClientAuthentication(CredentialsSource clients, AccountAuthenticator<OAuthClient> secrets, Lockout lockout) {
        this.clients = clients;
        this.secrets = secrets;
        this.lockout = lockout;
    }

    /** The client; fails with an {@link OAuthError} when it cannot be authenticated. */
    Mono<OAuthClient> authenticate(Parameters parameters, HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        String clientId = parameters.optional("client_id");
        String secret = parameters.optional("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            if (secret != null) {
                throw OAuthError.invalidRequest("Use one client authentication method, not two");
            }
            String[] basic = basicCredentials(authorization.substring(BASIC.length()).trim());
            if (clientId != null && !clientId.equals(basic[0])) {
                throw OAuthError.invalidRequest("client_id does not match the authenticated client");
            }
            clientId = basic[0];
            secret = basic[1];
        }
        if (clientId == null) {
            throw OAuthError.invalidClient("Client authentication failed");
        }
        Credentials credentials = clients.current();
        OAuthClient client = credentials.client(clientId);
        if (client != null && !client.isConfidential() && secret == null) {
            if (!client.isActive()) {
                throw OAuthError.invalidClient("Client authentication failed");
            }
            return Mono.just(client);
        }
        // Unknown clients and public ones presenting a secret are checked too (the confidential
        // clients' authenticator does not know them, so it spends a decoy comparison and refuses).
        String id = clientId;
        String presented = secret == null ? "" : secret;
        return lockout.machineSecret(Mono.fromSupplier(() -> secrets.authenticate(credentials, id, presented)))
                .map(result -> {
                    if (result.outcome() != Authentication.Outcome.AUTHENTICATED) {
                        throw OAuthError.invalidClient("Client authentication failed");
                    }
                    return result.principal();
                });
    }

    /**
     * RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined with a colon. Bytes
     * that do not decode (Base64, a bad {@code %} escape, not UTF-8) fail like a wrong secret, and
     * nothing of them is kept in the error.
     */
    private static String[] basicCredentials(String encoded) {
        try {
            byte[] decoded = Base64.getDecoder().decode(encoded);
            int colon = indexOfColon(decoded);
            if (colon < 0) {
                throw OAuthError.invalidClient("Client authentication failed");
            }
            return new String[] {
                FormBody.decode(decoded, 0, colon, StandardCharsets.UTF_8),
                FormBody.decode(decoded, colon + 1, decoded.length, StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException | MalformedRequestException e) {
            throw OAuthError.invalidClient("Client authentication failed");
        }
    }

    private static int indexOfColon(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == ':') {
                return i;
            }
        }
        return -1;
    }
}
