package io.tollgate.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokens that carry the same client, scopes and audiences share one copy of each. */
class SharedClaimsTest {

    @Test
    void equalClaimValuesAreHeldOnce() {
        AccessToken first = token("jti-1", "user-1", new String("client-a"), List.of("profile", "family"));
        AccessToken second = token("jti-2", "user-2", new String("client-a"), List.of("family", "profile"));

        assertThat(second.scopes()).isSameAs(first.scopes());
        assertThat(second.audiences()).isSameAs(first.audiences());
        assertThat(second.clientId()).isSameAs(first.clientId());
        assertThat(second.subject()).isEqualTo("user-2");
    }

    @Test
    void differentValuesStayApartAndIntact() {
        AccessToken reader = token("jti-1", "user-1", "client-a", List.of("content:read"));
        AccessToken writer = token("jti-2", "user-1", "client-b", List.of("content:write", "content:read"));

        assertThat(writer.scopes()).isNotSameAs(reader.scopes())
                .containsExactly("content:read", "content:write");
        assertThat(reader.scopes()).containsExactly("content:read");
        assertThat(writer.clientId()).isEqualTo("client-b");
        assertThat(writer.scopeString()).isEqualTo("content:read content:write");
    }

    private static AccessToken token(String id, String subject, String clientId, List<String> scopes) {
        return new AccessToken(AccessToken.TOLLGATE, id, subject, TokenKind.OAUTH_USER, clientId, new LinkedHashSet<>(scopes),
                new ArrayList<>(List.of(new String("tollgate"))), 4_102_441_200L, 4_102_444_800L);
    }
}
