package io.tollgate.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.audit.AuditLog;
import io.tollgate.startup.InvalidConfigurationException;
import io.tollgate.support.StoredHash;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

/** The credentials file: what it accepts, what stops the start. */
class CredentialsLoaderTest {

    private static final String HASH = "{sha256}a3a9e1ed9732cab28868127be00f1ce921acaefdd5c3b23a6e9e0072bd9c1a34";

    private final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();
    private final SecretVerifiers verifiers = SecretVerifiers.create();
    private final CredentialsLoader loader = new CredentialsLoader(validation.getValidator(), verifiers);

    @AfterEach
    void close() {
        validation.close();
    }

    @Test
    void theDemoFileLoads() {
        Credentials credentials = loader.load(new FileSystemResource("config/credentials.yml"));
        assertThat(credentials.brands()).extracting(Brand::id).containsExactly("acme", "dormant");
        assertThat(credentials.brands().get(1).status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(credentials.channelUsers()).extracting(ChannelUser::status)
                .containsExactly(ChannelUserStatus.ACTIVE, ChannelUserStatus.EXPIRED);
        assertThat(credentials.clients()).extracting(OAuthClient::clientId)
                .containsExactly("demo-web", "demo-spa", "demo-trusted");
        assertThat(credentials.clients().get(1).isConfidential()).isFalse();
        assertThat(credentials.clients().get(2).allows(GrantType.PASSWORD)).isTrue();
        assertThat(credentials.clients().get(0).allows(GrantType.PASSWORD)).isFalse();
        assertThat(credentials.users()).extracting(User::username).containsExactly("alice");
    }

    @Test
    void aUserPasswordMustBeBcrypt() {
        refused("""
                tollgate.credentials.users:
                  - username: bob
                    password: "%s"
                """.formatted(HASH), "user bob: password must be stored hashed, as {bcrypt}$2[aby]?$d{2}$[./A-Za-z0-9]{53}: "
                + "put the hash there, never the secret itself");
    }

    @Test
    void aClearTextSecretStopsTheStartWithoutBeingQuoted() {
        refused("""
                tollgate.credentials.brands:
                  - id: acme
                    api-key: k
                    api-secret: plain-text-secret
                """, "brand acme: api-secret must be stored hashed, as {sha256}[0-9a-f]{64}: "
                + "put the hash there, never the secret itself");
    }

    @Test
    void aDuplicateKeyStopsTheStart() {
        refused("""
                tollgate.credentials.channel-users:
                  - username: u
                    password: "%s"
                  - username: u
                    password: "%s"
                """.formatted(HASH, HASH), "channel-user u: listed twice: remove one, or give each its own username");
        refused("""
                tollgate.credentials.brands:
                  - id: acme
                    api-key: k1
                    api-secret: "%s"
                  - id: acme
                    api-key: k2
                    api-secret: "%s"
                """.formatted(HASH, HASH), "brand acme: listed twice: remove one, or give each its own id");
    }

    @Test
    void aMissingFieldNamesTheEntry() {
        refused("""
                tollgate.credentials.brands:
                  - id: acme
                    api-secret: "%s"
                """.formatted(HASH), "brand acme: api-key must not be blank");
    }

    @Test
    void anUnknownStatusNamesTheEntryAndTheValuesItMayTake() {
        refused("""
                tollgate.credentials.brands:
                  - id: acme
                    api-key: k
                    api-secret: "%s"
                    status: paused
                """.formatted(HASH), "brand acme: status 'paused' cannot be read: use one of active, suspended");
        refused("""
                tollgate.credentials.channel-users:
                  - username: cu
                    password: "%s"
                    status: gone
                """.formatted(HASH), "channel-user cu: status 'gone' cannot be read: use one of active, expired, "
                + "suspended");
    }

    @Test
    void anUnknownGrantTypeNamesTheEntryAndTheGrants() {
        refused(client("grant-types: [authorization_code, passwrd]"), "client c: grant-types[1] 'passwrd' cannot be read"
                + ": use one of authorization_code, implicit, refresh_token, client_credentials, password");
    }

    @Test
    void anUnknownKeyStopsTheStartInsteadOfBeingIgnored() {
        refused("""
                tollgate.credentials.brands:
                  - id: acme
                    api-key: k
                    api-secret: "%s"
                    state: suspended
                """.formatted(HASH), "brand acme: unknown key state: correct its name or remove it "
                + "(brand keys: id, api-key, api-secret, api-secrets, status, scopes)");
    }

    @Test
    void anUnknownListOrAnEntryWithoutItsNameIsStillOneLine() {
        refused("""
                tollgate.credentials.brandz:
                  - id: acme
                """, "credentials file: unknown key tollgate.credentials.brandz[0].id: correct its name or remove it "
                + "(the file takes brands, channel-users, clients, scopes, users)");
        refused("""
                tollgate.credentials.brands:
                  - api-key: k
                    api-secret: "%s"
                """.formatted(HASH), "brand #1: id must not be blank");
        refused(client("""
                client-secret: "%s"
                grant-types: [client_credentials]
                trusted: maybe
                """.formatted(HASH)), "client c: trusted 'maybe' cannot be read: write a boolean");
    }

    @Test
    void trustedWithoutThePasswordGrantStopsTheStart() {
        refused(client("""
                client-secret: "%s"
                grant-types: [client_credentials]
                trusted: true
                """.formatted(HASH)), "client c: trusted: true only enables the password grant, which grant-types "
                + "does not list: add password to grant-types, or remove trusted: true");
    }

    @Test
    void thePasswordGrantWithoutTrustedStopsTheStart() {
        refused(client("""
                client-secret: "%s"
                grant-types: [password]
                """.formatted(HASH)), "client c: password in grant-types needs trusted: true as well: "
                + "set trusted: true, or remove password from grant-types");
    }

    @Test
    void thePasswordGrantOnAPublicClientStopsTheStart() {
        refused(client("""
                grant-types: [password]
                trusted: true
                """), "client c: the password grant needs client authentication, and a public client has no "
                + "client-secret: give it a client-secret or remove password from grant-types");
    }

    @Test
    void clientCredentialsOnAPublicClientStopsTheStart() {
        refused(client("grant-types: [client_credentials]"), "client c: client_credentials needs client "
                + "authentication, and a public client has no client-secret: give it a client-secret or remove "
                + "client_credentials from grant-types");
    }

    @Test
    void anEmptyClientSecretStopsTheStartInsteadOfMakingAPublicClient() {
        refused(client("""
                client-secret: ""
                redirect-uris: [https://app.example.com/cb]
                grant-types: [authorization_code]
                """), "client c: client-secret is empty: set the {sha256} hash of its secret, or remove the key "
                + "for a public client");
    }

    @Test
    void aRedirectingGrantWithoutRedirectUrisStopsTheStart() {
        refused(client("grant-types: [authorization_code]"), "client c: authorization_code answers through a "
                + "registered redirect URI, and redirect-uris is empty: add the application's redirect URI, or remove "
                + "authorization_code from grant-types");
        refused(client("grant-types: [implicit]"), "client c: implicit answers through a registered redirect URI, "
                + "and redirect-uris is empty: add the application's redirect URI, or remove implicit from "
                + "grant-types");
    }

    @Test
    void refreshTokenWithoutAGrantThatIssuesOneStopsTheStart() {
        refused(client("""
                client-secret: "%s"
                redirect-uris: [https://app.example.com/cb]
                grant-types: [implicit, client_credentials, refresh_token]
                """.formatted(HASH)), "client c: refresh_token needs a grant that issues refresh tokens "
                + "(authorization_code or password), and grant-types lists neither: add one, or remove refresh_token");
    }

    @Test
    void redirectUrisMustBeAbsoluteWithoutFragmentAndListedOnce() {
        refused(client("""
                redirect-uris: [/callback]
                grant-types: [authorization_code]
                """), "client c: redirect URI '/callback' is not absolute (RFC 6749 §3.1.2): write it whole, "
                + "such as https://app.example.com/callback");
        refused(client("""
                redirect-uris: ["https://app.example.com/cb#done"]
                grant-types: [authorization_code]
                """), "client c: redirect URI 'https://app.example.com/cb#done' carries a fragment, which "
                + "RFC 6749 §3.1.2 forbids: remove the part from '#'");
        refused(client("""
                redirect-uris: [https://app.example.com/cb, https://app.example.com/cb]
                grant-types: [authorization_code]
                """), "client c: redirect URI 'https://app.example.com/cb' is listed twice in redirect-uris: "
                + "list it once");
        refused(client("""
                redirect-uris: ["https://app.example.com/a b"]
                grant-types: [authorization_code]
                """), "client c: redirect URI 'https://app.example.com/a b' is not a URI: write it as the "
                + "application sends it, such as https://app.example.com/callback");
    }

    @Test
    void aScopeHoldingASpaceStopsTheStart() {
        refused("""
                tollgate.credentials.brands:
                  - id: acme
                    api-key: k
                    api-secret: "%s"
                    scopes: ["content read"]
                """.formatted(HASH), "brand acme: scope 'content read' is not one scope name (printable ASCII "
                + "without spaces, quotes or backslashes, RFC 6749 §3.3): list each scope as an item of its own");
    }

    /** What works stays allowed: a native app's private-use scheme, a loopback http URI, no scopes. */
    @Test
    void clientsThatMakeSenseLoad() {
        Credentials credentials = loader.load(yaml("""
                tollgate.credentials.clients:
                  - client-id: native
                    redirect-uris: ["com.example.app:/oauth2redirect", "http://127.0.0.1:8400/cb"]
                    grant-types: [authorization_code, refresh_token]
                  - client-id: machine
                    client-secret: "%s"
                    grant-types: [client_credentials]
                  - client-id: first-party
                    client-secret: "%s"
                    redirect-uris: [https://app.example.com/cb]
                    grant-types: [password, refresh_token]
                    trusted: true
                    scopes: [profile]
                """.formatted(HASH, HASH)));
        assertThat(credentials.clients()).extracting(OAuthClient::clientId)
                .containsExactly("native", "machine", "first-party");
        assertThat(credentials.clients().get(1).scopes()).isEmpty();
    }

    @Test
    void theScopeCatalogueDescribesScopesByLanguage() {
        Credentials credentials = loader.load(new FileSystemResource("config/credentials.yml"));
        ScopeDescription profile = credentials.scope("profile");
        assertThat(profile.in(Locale.ENGLISH)).isEqualTo("See your name and profile photo");
        assertThat(profile.in(Locale.GERMAN)).isEqualTo("Ihren Namen und Ihr Profilfoto sehen");
        assertThat(profile.in(Locale.JAPANESE)).isEqualTo("See your name and profile photo");
        assertThat(credentials.scope("content:read")).isNull();
        assertThat(credentials.client("demo-spa").displayName()).isEqualTo("Acme Family Tree");
        assertThat(credentials.client("demo-web").displayName()).isEqualTo("demo-web");
    }

    @Test
    void aClientLogoIsAnHttpsOrAnInlineImageAndNamesTheSourceThePageAllows() {
        Credentials credentials = loader.load(yaml(client("""
                grant-types: [authorization_code]
                redirect-uris: [https://app.example.com/cb]
                logo-uri: https://CDN.example.com:8443/logo.png
                """)));
        assertThat(credentials.client("c").logoSource()).isEqualTo("https://cdn.example.com:8443");
        assertThat(loader.load(yaml(client("""
                grant-types: [authorization_code]
                redirect-uris: [https://app.example.com/cb]
                logo-uri: "data:image/png;base64,iVBORw0KGgo="
                """))).client("c").logoSource()).isEqualTo("data:");
        for (String refused : List.of("http://app.example.com/logo.png", "javascript:alert(1)", "/logo.png",
                "data:text/html,x")) {
            refused(client("""
                    grant-types: [authorization_code]
                    redirect-uris: [https://app.example.com/cb]
                    logo-uri: "%s"
                    """.formatted(refused)), "client c: logo-uri '" + refused + "' is neither an https URI nor a "
                    + "data:image URI: write it as https://app.example.com/logo.png, inline it as "
                    + "data:image/png;base64,..., or remove it");
        }
    }

    @Test
    void aScopeCatalogueEntryThatCannotWorkIsRefusedInOneLine() {
        refused("""
                tollgate.credentials.scopes:
                  - name: profile
                """, "scope profile: description must not be blank");
        refused("""
                tollgate.credentials.scopes:
                  - name: profile
                    description: See your name
                  - name: profile
                    description: Again
                """, "scope profile: listed twice: remove one, or give each its own name");
        refused("""
                tollgate.credentials.scopes:
                  - name: profile
                    description: See your name
                    descriptions: {de-AT: Ihren Namen}
                """, "scope profile: descriptions key 'de-AT' is not a language code: write its lowercase ISO 639 "
                + "code, such as de or fr");
        refused("""
                tollgate.credentials.scopes:
                  - name: "content read"
                    description: Read
                """, "scope content read: scope 'content read' is not one scope name (printable ASCII without "
                + "spaces, quotes or backslashes, RFC 6749 §3.3): list each scope as an item of its own");
        refused("""
                tollgate.credentials.scopes:
                  - name: profile
                    description: See your name
                    descripton: Ihren Namen
                """, "scope profile: unknown key descripton: correct its name or remove it "
                + "(scope keys: name, description, descriptions)");
    }

    @Test
    void aMissingFileStopsTheStart() {
        assertThatThrownBy(() -> loader.load(new FileSystemResource("no/such/file.yml")))
                .hasMessageContaining("not found");
    }

    @Test
    void secretsAreComparedByTheirHash() {
        Credentials credentials = loader.load(new FileSystemResource("config/credentials.yml"));
        AccountAuthenticator<ChannelUser> users = authenticator(credentials, Credentials::channelUser, Clock.systemUTC());
        assertThat(users.authenticate("channel_user", "550e8400-e29b-41d4-a716-446655440000").outcome())
                .isEqualTo(Authentication.Outcome.AUTHENTICATED);
        assertThat(users.authenticate("channel_user", HASH).outcome()).isEqualTo(Authentication.Outcome.REJECTED);
        assertThat(users.authenticate("channel_expired", "6ba7b810-9dad-11d1-80b4-00c04fd430c8").outcome())
                .isEqualTo(Authentication.Outcome.DISABLED);
    }

    @Test
    void anAccountTakesAListOfSecretsEachWithAnOptionalNotAfter() {
        Credentials credentials = loader.load(yaml("""
                tollgate.credentials:
                  brands:
                    - id: acme
                      api-key: k
                      api-secrets:
                        - hash: "%s"
                        - hash: "%s"
                          not-after: 2027-01-31T00:00:00Z
                  channel-users:
                    - username: cu
                      passwords:
                        - hash: "%s"
                  clients:
                    - client-id: machine
                      client-secrets:
                        - hash: "%s"
                          not-after: "2027-01-31T00:00:00Z"
                      grant-types: [client_credentials]
                """.formatted(StoredHash.sha256("new"), StoredHash.sha256("old"), HASH, HASH)));
        assertThat(credentials.brands().get(0).apiSecrets()).containsExactly(
                new StoredSecret(StoredHash.sha256("new"), null),
                new StoredSecret(StoredHash.sha256("old"), Instant.parse("2027-01-31T00:00:00Z")));
        assertThat(credentials.channelUsers().get(0).passwords()).containsExactly(new StoredSecret(HASH, null));
        assertThat(credentials.client("machine").type()).isEqualTo(ClientType.CONFIDENTIAL);
        assertThat(credentials.client("machine").clientSecrets())
                .containsExactly(new StoredSecret(HASH, Instant.parse("2027-01-31T00:00:00Z")));
    }

    @Test
    void theShortFormAndTheListOnOneEntryAreRefusedWithoutQuotingEither() {
        refused("""
                tollgate.credentials.brands:
                  - id: acme
                    api-key: k
                    api-secret: "%s"
                    api-secrets:
                      - hash: "%s"
                """.formatted(HASH, HASH), "brand acme: api-secret and api-secrets are both set: keep one "
                + "(api-secrets takes several, each with an optional not-after)");
        refused("""
                tollgate.credentials.users:
                  - username: bob
                    password: "{bcrypt}x"
                    passwords:
                      - hash: "{bcrypt}y"
                """, "user bob: password and passwords are both set: keep one (passwords takes several, each with an "
                + "optional not-after)");
        refused(client("""
                client-secret: "%s"
                client-secrets:
                  - hash: "%s"
                grant-types: [client_credentials]
                """.formatted(HASH, HASH)), "client c: client-secret and client-secrets are both set: keep one "
                + "(client-secrets takes several, each with an optional not-after)");
    }

    @Test
    void eachListedSecretMustBeHashedAndItsNotAfterAnInstant() {
        refused("""
                tollgate.credentials.channel-users:
                  - username: cu
                    passwords:
                      - hash: "%s"
                      - hash: 6ba7b810-9dad-11d1-80b4-00c04fd430c8
                """.formatted(HASH), "channel-user cu: passwords[1].hash must be stored hashed, as "
                + "{sha256}[0-9a-f]{64}: put the hash there, never the secret itself");
        refused("""
                tollgate.credentials.brands:
                  - id: acme
                    api-key: k
                    api-secrets:
                      - hash: "%s"
                        not-after: next tuesday
                """.formatted(HASH), "brand acme: api-secrets[0].not-after 'next tuesday' cannot be read: write an "
                + "RFC 3339 instant in UTC, such as 2027-01-31T00:00:00Z");
        refused("""
                tollgate.credentials.brands:
                  - id: acme
                    api-key: k
                    api-secrets:
                      - not-after: 2027-01-31T00:00:00Z
                """, "brand acme: api-secrets[0].hash must not be blank");
    }

    @Test
    void anAccountWithoutAnySecretIsRefused() {
        refused("""
                tollgate.credentials.brands:
                  - id: acme
                    api-key: k
                """, "brand acme: no api-secret: set the hash of its secret in api-secret, or several in api-secrets");
    }

    @Test
    void aClientsTypeIsInferredFromItsSecretWhenNotWritten() {
        Credentials credentials = loader.load(yaml("""
                tollgate.credentials.clients:
                  - client-id: spa
                    redirect-uris: [https://app.example.com/cb]
                    grant-types: [authorization_code]
                  - client-id: declared-public
                    type: public
                    redirect-uris: [https://app.example.com/cb]
                    grant-types: [authorization_code]
                  - client-id: machine
                    client-secret: "%s"
                    grant-types: [client_credentials]
                    type: confidential
                    status: suspended
                """.formatted(HASH)));
        assertThat(credentials.clients()).extracting(OAuthClient::type)
                .containsExactly(ClientType.PUBLIC, ClientType.PUBLIC, ClientType.CONFIDENTIAL);
        assertThat(credentials.client("machine").status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(credentials.client("spa").isActive()).isTrue();
    }

    @Test
    void aTypeItsSecretsContradictIsRefused() {
        refused(client("""
                type: public
                client-secret: "%s"
                redirect-uris: [https://app.example.com/cb]
                grant-types: [authorization_code]
                """.formatted(HASH)), "client c: type: public takes no client secret, and one is set: remove "
                + "client-secret (or client-secrets), or set type: confidential");
        refused(client("""
                type: confidential
                redirect-uris: [https://app.example.com/cb]
                grant-types: [authorization_code]
                """), "client c: type: confidential needs a client secret, and none is set: add the {sha256} hash of "
                + "its secret as client-secret (or several as client-secrets), or set type: public");
        refused(client("""
                type: secret
                grant-types: [authorization_code]
                """), "client c: type 'secret' cannot be read: use one of confidential, public");
    }

    @Test
    void clientsAndPeopleTakeAStatus() {
        Credentials credentials = loader.load(yaml("""
                tollgate.credentials.users:
                  - username: bob
                    password: "{bcrypt}$2a$10$4e5NPXwzfp3NzgVKRuMDUORZASCR/NEumVFtOg/sVlVRYXVZN9mcK"
                    status: suspended
                """));
        assertThat(credentials.user("bob").isActive()).isFalse();
        refused(client("""
                grant-types: [authorization_code]
                status: paused
                """), "client c: status 'paused' cannot be read: use one of active, suspended");
    }

    @Test
    void aFileThatIsNotYamlIsRefusedByLineWithoutQuotingIt() {
        assertThatThrownBy(() -> loader.load(yaml("""
                tollgate.credentials.brands:
                  - id: acme
                    api-secret: "%s
                      api-key: [k
                """.formatted(HASH))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("credentials file: not valid YAML at line ")
                .hasMessageEndingWith(": correct the syntax there")
                .message().doesNotContain(HASH.substring(8, 20));
    }

    @Test
    void anyUnexpiredSecretAuthenticatesAndAnExpiredOneIsAWrongOne() {
        Credentials credentials = loader.load(yaml("""
                tollgate.credentials.brands:
                  - id: acme
                    api-key: k
                    api-secrets:
                      - hash: "%s"
                      - hash: "%s"
                        not-after: 2027-01-31T00:00:00Z
                """.formatted(StoredHash.sha256("new"), StoredHash.sha256("old"))));
        Instant notAfter = Instant.parse("2027-01-31T00:00:00Z");
        AccountAuthenticator<Brand> before = authenticator(credentials, Credentials::brandByApiKey,
                Clock.fixed(notAfter, ZoneOffset.UTC));
        assertThat(before.authenticate("k", "new").outcome()).isEqualTo(Authentication.Outcome.AUTHENTICATED);
        assertThat(before.authenticate("k", "old").outcome()).isEqualTo(Authentication.Outcome.AUTHENTICATED);
        AccountAuthenticator<Brand> after = authenticator(credentials, Credentials::brandByApiKey,
                Clock.fixed(notAfter.plusSeconds(1), ZoneOffset.UTC));
        assertThat(after.authenticate("k", "new").outcome()).isEqualTo(Authentication.Outcome.AUTHENTICATED);
        assertThat(after.authenticate("k", "old")).isEqualTo(after.authenticate("k", "wrong"));
    }

    @Test
    void theChangeBetweenTwoFilesNamesAccountsAndCountsSecrets() {
        Credentials before = loader.load(yaml("""
                tollgate.credentials:
                  brands:
                    - {id: acme, api-key: k1, api-secret: "%1$s"}
                    - {id: gone, api-key: k2, api-secret: "%1$s"}
                    - {id: dormant, api-key: k3, api-secret: "%1$s", status: suspended}
                  channel-users:
                    - {username: cu, password: "%1$s"}
                """.formatted(HASH)));
        Credentials after = loader.load(yaml("""
                tollgate.credentials:
                  brands:
                    - id: acme
                      api-key: k1
                      api-secrets: [{hash: "%1$s"}, {hash: "%2$s"}]
                    - {id: dormant, api-key: k3, api-secret: "%2$s"}
                    - {id: new, api-key: k4, api-secret: "%1$s"}
                  channel-users:
                    - {username: cu, password: "%1$s", status: expired}
                """.formatted(HASH, StoredHash.sha256("other"))));
        CredentialsChange change = CredentialsChange.between(before, after);
        assertThat(change.changes()).containsExactly(
                new CredentialsChange.AccountChange(AccountKind.BRAND, "acme", CredentialsChange.Type.SECRETS_ADDED, 1),
                new CredentialsChange.AccountChange(AccountKind.BRAND, "dormant", CredentialsChange.Type.ACTIVATED, 0),
                new CredentialsChange.AccountChange(AccountKind.BRAND, "dormant", CredentialsChange.Type.SECRETS_ADDED,
                        1),
                new CredentialsChange.AccountChange(AccountKind.BRAND, "dormant",
                        CredentialsChange.Type.SECRETS_REMOVED, 1),
                new CredentialsChange.AccountChange(AccountKind.BRAND, "new", CredentialsChange.Type.ADDED, 0),
                new CredentialsChange.AccountChange(AccountKind.BRAND, "gone", CredentialsChange.Type.REMOVED, 0),
                new CredentialsChange.AccountChange(AccountKind.CHANNEL_USER, "cu", CredentialsChange.Type.SUSPENDED,
                        0));
        assertThat(change.cutOffs()).extracting(CredentialsChange.AccountChange::account).containsExactly("gone", "cu");
        assertThat(change.auditEvents().get(0).toString()).doesNotContain(HASH.substring(8));
        assertThat(CredentialsChange.between(after, after).isEmpty()).isTrue();
    }

    private void refused(String text, String line) {
        assertThatThrownBy(() -> loader.load(yaml(text)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage(line);
    }

    /** A file with one client {@code c} and the given lines. */
    private static String client(String lines) {
        return "tollgate.credentials.clients:\n  - client-id: c\n" + lines.indent(4);
    }

    private <T extends Account> AccountAuthenticator<T> authenticator(
            Credentials credentials, BiFunction<Credentials, String, T> find, Clock clock) {
        CredentialsSource source = new CredentialsSource() {
            @Override
            public Credentials current() {
                return credentials;
            }

            @Override
            public void onChange(Consumer<CredentialsChange> listener) {
                throw new UnsupportedOperationException("a fixed snapshot never changes");
            }
        };
        ExpiringSecretUses expiring = new ExpiringSecretUses(Duration.ofDays(7), new AuditLog(), new SimpleMeterRegistry(),
                clock);
        return new AccountAuthenticator<>(source, find, verifiers.machine(), expiring, clock);
    }

    private static ByteArrayResource yaml(String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), "test credentials") {
            @Override
            public String getFilename() {
                return "credentials.yml";
            }
        };
    }
}
