package io.tollgate.revocation;

import io.tollgate.token.AccessToken;
import io.tollgate.token.TokenKind;
import java.util.Objects;

/** Whose tokens a cut-off ends. */
public sealed interface CutOffTarget {

    /** The configured issuer id of Tollgate's own tokens. */
    String DEFAULT_ISSUER = AccessToken.TOLLGATE;

    /** The configured id of the issuer whose tokens the cut-off ends. */
    String issuer();

    /** Tokens of one subject of one kind: brand id, channel username, oauth-user username, oauth-app client id. */
    record Subject(String issuer, TokenKind kind, String subject) implements CutOffTarget {
        public Subject {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(subject, "subject");
        }
    }

    /** OAuth tokens of one client, both kinds ({@code oauth-user} and {@code oauth-app}); never brand tokens. */
    record Client(String issuer, String clientId) implements CutOffTarget {
        public Client {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(clientId, "clientId");
        }
    }
}
