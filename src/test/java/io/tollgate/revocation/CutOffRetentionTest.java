package io.tollgate.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.issuer.IssuerProperties;
import io.tollgate.token.ExternalTokenLifetimes;
import io.tollgate.token.TokenKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cut-off is kept until no token it ends can still be admitted: for Tollgate's tokens the
 * lifetime of what it ends, for an external issuer's its {@code max-lifetime}, which the guard
 * enforces on {@code exp - iat} (ExternalIssuersTest shows a longer-lived token refused over
 * HTTP); always plus the longest clock skew.
 */
class CutOffRetentionTest {

    private static final Instant CUT_OFF = Instant.parse("2026-12-02T01:00:00Z");
    private static final CutOffRetention RETENTION = CutOffRetention.of(
            new IssuerProperties.Lifetimes(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(24),
                    Duration.ofHours(3), Duration.ofMinutes(10), Duration.ofDays(30)),
            new ExternalTokenLifetimes(Map.of("keycloak", Duration.ofDays(45), "entra", Duration.ofMinutes(90))));

    @Test
    void anExternalIssuersCutOffIsKeptForItsMaxLifetimeWhateverItsTarget() {
        assertThat(RETENTION.keptUntil(new CutOffTarget.Subject("keycloak", TokenKind.OAUTH_USER, "alice"), CUT_OFF))
                .isEqualTo(CUT_OFF.plus(Duration.ofDays(45)).plus(Duration.ofMinutes(5)));
        assertThat(RETENTION.keptUntil(new CutOffTarget.Client("keycloak", "batch"), CUT_OFF))
                .isEqualTo(CUT_OFF.plus(Duration.ofDays(45)).plus(Duration.ofMinutes(5)));
        assertThat(RETENTION.keptUntil(new CutOffTarget.Subject("entra", TokenKind.OAUTH_APP, "svc"), CUT_OFF))
                .isEqualTo(CUT_OFF.plus(Duration.ofMinutes(95)));
    }

    @Test
    void tollgatesCutOffsAreKeptForTheLifetimesItIssuesWith() {
        assertThat(RETENTION.keptUntil(new CutOffTarget.Subject("tollgate", TokenKind.BRAND, "acme"), CUT_OFF))
                .isEqualTo(CUT_OFF.plus(Duration.ofMinutes(65)));
        assertThat(RETENTION.keptUntil(new CutOffTarget.Subject("tollgate", TokenKind.OAUTH_USER, "bob"), CUT_OFF))
                .isEqualTo(CUT_OFF.plus(Duration.ofDays(30)).plus(Duration.ofMinutes(5)));
        assertThat(RETENTION.keptUntil(new CutOffTarget.Client("tollgate", "web"), CUT_OFF))
                .isEqualTo(CUT_OFF.plus(Duration.ofDays(30)).plus(Duration.ofMinutes(5)));
    }
}
