package io.tollgate.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.support.FakeIdentityProvider;
import io.tollgate.support.Standalone;
import io.tollgate.support.TestCredentials;
import io.tollgate.support.TestUpstream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

/**
 * Whole applications started on a configuration that contradicts itself: the start fails, and
 * Spring Boot's failure report is the one line that names the entry and the fix, with no stack
 * trace to dig it out of.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartRefusalTest {

    private static final String ROUTES = "--spring.cloud.gateway.server.webflux.routes[0].";
    private static final String ISSUERS = "--tollgate.validation.issuers[0].";

    @Test
    void aClientTrustedWithoutThePasswordGrantStopsTheStart(CapturedOutput output) throws IOException {
        Path file = Files.createTempFile("tollgate-contradictory-credentials", ".yml");
        file.toFile().deleteOnExit();
        Files.writeString(file, """
                tollgate:
                  credentials:
                    clients:
                      - client-id: half-trusted
                        client-secret: "{sha256}faa88e80eadab097fc26a358dcf66919b2dff52a0248fbb7bc7631b7d394a6c2"
                        grant-types: [client_credentials]
                        trusted: true
                """);
        refusedWith(output, "client half-trusted: trusted: true only enables the password grant, which grant-types "
                        + "does not list: add password to grant-types, or remove trusted: true",
                "--tollgate.credentials.location=file:" + file);
    }

    @Test
    void aClientWhoseTypeItsSecretsContradictStopsTheStart(CapturedOutput output) throws IOException {
        Path file = Files.createTempFile("tollgate-contradictory-type", ".yml");
        file.toFile().deleteOnExit();
        Files.writeString(file, """
                tollgate:
                  credentials:
                    clients:
                      - client-id: said-public
                        type: public
                        client-secrets:
                          - hash: "{sha256}faa88e80eadab097fc26a358dcf66919b2dff52a0248fbb7bc7631b7d394a6c2"
                        grant-types: [client_credentials]
                """);
        refusedWith(output, "client said-public: type: public takes no client secret, and one is set: remove "
                        + "client-secret (or client-secrets), or set type: confidential",
                "--tollgate.credentials.location=file:" + file);
    }

    @Test
    void aRouteThatChecksNoTokenButRequiresScopesStopsTheStart(CapturedOutput output) {
        refusedWith(output, "route open-with-scopes: auth: none checks no token, so scopes would never apply: "
                        + "remove it, or set auth: required (or optional)",
                "--tollgate.credentials.location=file:" + TestCredentials.FILE,
                ROUTES + "id=open-with-scopes",
                ROUTES + "uri=http://127.0.0.1:" + TestUpstream.port(),
                ROUTES + "predicates[0]=Path=/open/**",
                ROUTES + "metadata.tollgate.auth=none",
                ROUTES + "metadata.tollgate.scopes=content:read");
    }

    @Test
    void anIssuerWhoseDiscoveryDocumentNamesAnotherIssuerStopsTheStart(CapturedOutput output) {
        try (FakeIdentityProvider provider = new FakeIdentityProvider("acme", "acme-1")
                .namingIssuer("https://impostor.example/realms/acme")) {
            refusedWith(output, "issuer acme: its discovery document names the issuer "
                            + "https://impostor.example/realms/acme, not " + provider.issuer() + ": set issuer to "
                            + "the exact iss of its tokens, or name its jwks-uri",
                    "--tollgate.credentials.location=file:" + TestCredentials.FILE,
                    ISSUERS + "id=acme",
                    ISSUERS + "issuer=" + provider.issuer(),
                    ISSUERS + "discovery=true",
                    ISSUERS + "audiences=content-api",
                    ISSUERS + "algorithms=RS256",
                    ISSUERS + "kind=oauth-user");
        }
    }

    @Test
    void anExternalIssuerPinnedToHmacStopsTheStart(CapturedOutput output) {
        refusedWith(output, "issuer acme: algorithm HS256 is never accepted from an external issuer: pin its "
                        + "public-key algorithms, such as RS256 or ES256",
                "--tollgate.credentials.location=file:" + TestCredentials.FILE,
                ISSUERS + "id=acme",
                ISSUERS + "issuer=https://sso.example.com/realms/acme",
                ISSUERS + "jwks-uri=https://sso.example.com/realms/acme/certs",
                ISSUERS + "audiences=content-api",
                ISSUERS + "algorithms=RS256,HS256",
                ISSUERS + "kind=oauth-user");
    }

    @Test
    void anExternalIssuerWithoutAudiencesStopsTheStart(CapturedOutput output) {
        refusedWith(output, "issuer acme: audiences is required: name the audiences its tokens must carry (one is "
                        + "enough), or set any-audience: true",
                "--tollgate.credentials.location=file:" + TestCredentials.FILE,
                ISSUERS + "id=acme",
                ISSUERS + "issuer=https://sso.example.com/realms/acme",
                ISSUERS + "jwks-uri=https://sso.example.com/realms/acme/certs",
                ISSUERS + "algorithms=RS256",
                ISSUERS + "kind=oauth-user");
    }

    private static void refusedWith(CapturedOutput output, String line, String... overrides) {
        String[] args = new String[overrides.length + 1];
        args[0] = "--server.port=0";
        System.arraycopy(overrides, 0, args, 1, overrides.length);
        assertThatThrownBy(() -> Standalone.start(args).close())
                .satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                        .isInstanceOf(InvalidConfigurationException.class)
                        .hasMessage(line));
        assertThat(output.getAll())
                .contains(String.format("APPLICATION FAILED TO START%n***************************%n%nDescription:%n%n"
                        + "%s%n%nAction:%n%n", line))
                .doesNotContain("Application run failed");
    }
}
