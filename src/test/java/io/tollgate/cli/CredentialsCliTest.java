package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.credentials.AccountStatus;
import io.tollgate.credentials.Brand;
import io.tollgate.credentials.ChannelUserStatus;
import io.tollgate.credentials.ClientType;
import io.tollgate.credentials.Credentials;
import io.tollgate.credentials.GrantType;
import io.tollgate.credentials.OAuthClient;
import io.tollgate.credentials.SecretVerifier;
import io.tollgate.credentials.StoredSecret;
import io.tollgate.credentials.User;
import io.tollgate.support.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code credentials} verb, run in-process on a copy of the demo file: what it prints, its
 * exit status, the file it leaves (as the server loads it), the file's permissions and comments,
 * and that no secret is ever written unhashed.
 */
class CredentialsCliTest {

    private static final SecretVerifier SHA256 = SecretVerifier.sha256();
    private static final SecretVerifier BCRYPT = SecretVerifier.bcrypt();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    private CredentialsFixture credentials;
    private String original;

    @BeforeEach
    void demoFile() {
        credentials = CredentialsFixture.demo(directory);
        original = credentials.text();
    }

    @Test
    void addBrandPrintsItsSecretOnceOnTheLastLineAndStoresOnlyTheHash() {
        Cli.Run run = Cli.now().run("credentials", "add-brand", "--file", credentials.path(), "--id", "globex",
                "--scope", "content:read,content:write");

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        String secret = run.lastLine();
        assertThat(run.lines()).containsExactly(
                "brand globex added to " + credentials.path() + ", api-key ak_globex",
                "its api-secret, shown only now:",
                secret);
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        Brand brand = credentials.loaded().brandByApiKey("ak_globex");
        assertThat(brand.id()).isEqualTo("globex");
        assertThat(brand.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(brand.scopes()).containsExactly("content:read", "content:write");
        assertThat(brand.apiSecrets()).singleElement()
                .satisfies(stored -> assertThat(SHA256.matches(secret, stored.hash())).isTrue());
        assertThat(credentials.text()).doesNotContain(secret).contains(SecretMint.sha256(secret));
        assertUntouchedExceptForTheEdit();
    }

    @Test
    void addBrandAsJsonPrintsOneObjectAndNothingElse() {
        Cli.Run run = Cli.now().run("credentials", "add-brand", "--file", credentials.path(), "--id", "globex",
                "--api-key", "ak_globex_2026", "--json");

        assertThat(run.status()).isZero();
        assertThat(run.lines()).hasSize(1);
        Map<String, Object> printed = json(run.out());
        String secret = Secrets.remember((String) printed.get("secret"));
        assertThat(printed).containsOnlyKeys("id", "secret", "api-key")
                .containsEntry("id", "globex").containsEntry("api-key", "ak_globex_2026");
        assertThat(SHA256.matches(secret, credentials.loaded().brandByApiKey("ak_globex_2026").apiSecrets().get(0).hash()))
                .isTrue();
        assertThat(credentials.text()).doesNotContain(secret);
    }

    @Test
    void aBrandTheServerWouldRefuseIsNotWrittenAndExitsOne() {
        Cli.Run run = Cli.now().run("credentials", "add-brand", "--file", credentials.path(), "--id", "acme");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(
                "add-brand: refused: brand acme: listed twice: remove one, or give each its own id\n");
        assertThat(credentials.text()).isEqualTo(original);
        assertThat(credentials.directoryListing()).containsExactly(credentials.file);
    }

    @Test
    void aMissingOptionIsAUsageErrorWithTheUsage() {
        Cli.Run run = Cli.now().run("credentials", "add-brand", "--file", credentials.path());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("Missing required option: '--id=ID'\nUsage: tollgate credentials add-brand");
        assertThat(credentials.text()).isEqualTo(original);
    }

    @Test
    void aFileThatIsNotThereIsAUsageErrorForAVerbThatEditsAnAccount() {
        Cli.Run run = Cli.now().run("credentials", "suspend", "--file", directory.resolve("nope.yml").toString(),
                "--brand", "acme");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("suspend: no credentials file at " + directory.resolve("nope.yml"));
    }

    @Test
    void addingToAFileNotYetThereMakesItReadableByItsOwnerOnly() throws Exception {
        Path made = directory.resolve("new").resolve("credentials.yml");
        Files.createDirectories(made.getParent());

        Cli.Run run = Cli.now().run("credentials", "add-channel-user", "--file", made.toString(), "--username",
                "partner_42", "--scope", "connectivity");

        assertThat(run.status()).isZero();
        String password = run.lastLine();
        assertThat(Files.getPosixFilePermissions(made)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(made)).isEqualTo("""
                tollgate:
                  credentials:
                    channel-users:
                      - username: partner_42
                        password: "%s"
                        status: active
                        scopes: [connectivity]
                """.formatted(SecretMint.sha256(password)));
        assertThat(new CredentialsCheck().check(made).channelUser("partner_42").passwords()).singleElement()
                .satisfies(stored -> assertThat(SHA256.matches(password, stored.hash())).isTrue());
    }

    @Test
    void addClientMakesAConfidentialClientWithASecret() {
        Cli.Run run = Cli.now().run("credentials", "add-client", "--file", credentials.path(), "--client-id",
                "partner-web", "--grant-type", "authorization_code,refresh_token", "--redirect-uri",
                "https://app.example.com/callback", "--scope", "profile");

        assertThat(run.status()).isZero();
        String secret = run.lastLine();
        assertThat(run.lines()).containsExactly("client partner-web (confidential) added to " + credentials.path(),
                "its client-secret, shown only now:", secret);
        OAuthClient client = credentials.loaded().client("partner-web");
        assertThat(client.type()).isEqualTo(ClientType.CONFIDENTIAL);
        assertThat(client.grantTypes()).containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
        assertThat(client.redirectUris()).containsExactly("https://app.example.com/callback");
        assertThat(client.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(SHA256.matches(secret, client.clientSecrets().get(0).hash())).isTrue();
        assertThat(credentials.text()).doesNotContain(secret);
    }

    @Test
    void addClientMakesAPublicClientWithoutASecret() {
        Cli.Run run = Cli.now().run("credentials", "add-client", "--file", credentials.path(), "--client-id",
                "partner-spa", "--type", "public", "--grant-type", "authorization_code", "--redirect-uri",
                "https://spa.example.com/cb", "--json");

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("{\"id\":\"partner-spa\"}\n");
        OAuthClient client = credentials.loaded().client("partner-spa");
        assertThat(client.type()).isEqualTo(ClientType.PUBLIC);
        assertThat(client.clientSecrets()).isEmpty();
    }

    @Test
    void aClientThatContradictsItselfIsRefusedWithTheServersOwnLine() {
        Cli.Run run = Cli.now().run("credentials", "add-client", "--file", credentials.path(), "--client-id", "p2",
                "--grant-type", "password");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("add-client: refused: client p2: password in grant-types needs trusted: true "
                + "as well: set trusted: true, or remove password from grant-types\n");
        assertThat(credentials.text()).isEqualTo(original);
    }

    @Test
    void addUserGeneratesAPasswordAndStoresItsBcryptHash() {
        Cli.Run run = Cli.now().run("credentials", "add-user", "--file", credentials.path(), "--username", "zed");

        assertThat(run.status()).isZero();
        String password = run.lastLine();
        assertThat(run.lines()).containsExactly("user zed added to " + credentials.path(),
                "the password, shown only now:", password);
        assertThat(password).matches("[A-Za-z0-9_-]{22}");
        User user = credentials.loaded().user("zed");
        assertThat(user.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(user.passwords().get(0).hash()).startsWith("{bcrypt}$2a$10$");
        assertThat(BCRYPT.matches(password, user.passwords().get(0).hash())).isTrue();
        assertThat(credentials.text()).doesNotContain(password);
    }

    @Test
    void addUserReadsAPasswordFromStandardInputAndPrintsNoSecret() {
        String password = Secrets.remember("correct horse battery staple");

        Cli.Run run = Cli.now().withStdin(password + "\n").run("credentials", "add-user", "--file",
                credentials.path(), "--username", "zed", "--password-stdin");

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("user zed added to " + credentials.path() + "\n");
        assertThat(BCRYPT.matches(password, credentials.loaded().user("zed").passwords().get(0).hash())).isTrue();
        assertThat(credentials.text()).doesNotContain(password);
    }

    @Test
    void anEmptyStandardInputIsAUsageError() {
        Cli.Run run = Cli.now().run("credentials", "add-user", "--file", credentials.path(), "--username", "zed",
                "--password-stdin");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("add-user: --password-stdin read no password from standard input\n");
        assertThat(credentials.text()).isEqualTo(original);
    }

    @Test
    void rotateSecretAddsTheNewSecretFirstAndGivesTheOldOneANotAfter() {
        Cli.Run run = Cli.now().run("credentials", "rotate-secret", "--file", credentials.path(), "--brand", "acme");

        assertThat(run.status()).isZero();
        String secret = run.lastLine();
        assertThat(run.lines()).containsExactly("brand acme: new secret added to " + credentials.path()
                + "; the earlier ones work until 2026-12-08T12:00:00Z", "the new secret, shown only now:", secret);
        List<StoredSecret> stored = credentials.loaded().brandByApiKey("ak_demo_acme").apiSecrets();
        assertThat(stored).hasSize(2);
        assertThat(SHA256.matches(secret, stored.get(0).hash())).isTrue();
        assertThat(stored.get(0).notAfter()).isNull();
        assertThat(SHA256.matches("sk_demo_acme_4c1f9e0b7d2a8e6f3b5c9d1a7e2f4b8c", stored.get(1).hash())).isTrue();
        assertThat(stored.get(1).notAfter()).isEqualTo(Cli.NOW.plus(Duration.ofDays(7)));
        assertThat(credentials.text()).contains("""
                        # sk_demo_acme_4c1f9e0b7d2a8e6f3b5c9d1a7e2f4b8c
                        api-secrets:
                          - hash: "%s"
                          - hash: "{sha256}c2d98204a3fa3ece8959bf9cc86fddae96d408067deef89b455715081607c079"
                            not-after: 2026-12-08T12:00:00Z
                        status: active
                """.formatted(SecretMint.sha256(secret))).doesNotContain(secret);
    }

    @Test
    void aSecondRotationKeepsAnEarlierCutOffAndCutsOffTheSecretItReplaces() {
        Cli.now().run("credentials", "rotate-secret", "--file", credentials.path(), "--client", "demo-web",
                "--overlap", "2d");
        Cli.Run second = Cli.at(Cli.NOW.plus(Duration.ofDays(1))).run("credentials", "rotate-secret", "--file",
                credentials.path(), "--client", "demo-web", "--json");

        assertThat(second.status()).isZero();
        Map<String, Object> printed = json(second.out());
        String secret = Secrets.remember((String) printed.get("secret"));
        assertThat(printed).containsEntry("id", "demo-web").containsEntry("not-after", "2026-12-09T12:00:00Z");
        List<StoredSecret> stored = credentials.loaded().client("demo-web").clientSecrets();
        assertThat(stored).extracting(StoredSecret::notAfter).containsExactly(null,
                Cli.NOW.plus(Duration.ofDays(8)), Cli.NOW.plus(Duration.ofDays(2)));
        assertThat(SHA256.matches(secret, stored.get(0).hash())).isTrue();
    }

    @Test
    void rotatingAPersonsPasswordReadsItFromStandardInput() {
        String password = Secrets.remember("a new passphrase for alice");

        Cli.Run run = Cli.now().withStdin(password).run("credentials", "rotate-secret", "--file", credentials.path(),
                "--user", "alice", "--password-stdin", "--overlap", "1h");

        assertThat(run.status()).isZero();
        assertThat(run.lines()).containsExactly("user alice: new secret added to " + credentials.path()
                + "; the earlier ones work until 2026-12-01T13:00:00Z");
        List<StoredSecret> stored = credentials.loaded().user("alice").passwords();
        assertThat(BCRYPT.matches(password, stored.get(0).hash())).isTrue();
        assertThat(BCRYPT.matches("alice-demo-password", stored.get(1).hash())).isTrue();
    }

    @Test
    void rotateSecretRefusesWhatItCannotRotate() {
        Cli.Run publicClient = Cli.now().run("credentials", "rotate-secret", "--file", credentials.path(), "--client",
                "demo-spa");
        Cli.Run unknown = Cli.now().run("credentials", "rotate-secret", "--file", credentials.path(), "--brand",
                "initech");
        Cli.Run machineFromStdin = Cli.now().withStdin("x\n").run("credentials", "rotate-secret", "--file",
                credentials.path(), "--brand", "acme", "--password-stdin");
        Cli.Run twoAccounts = Cli.now().run("credentials", "rotate-secret", "--file", credentials.path(), "--brand",
                "acme", "--client", "demo-web");

        assertThat(publicClient.status()).isEqualTo(1);
        assertThat(publicClient.err())
                .isEqualTo("rotate-secret: refused: client demo-spa is a public client: it has no secret to rotate\n");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("rotate-secret: refused: brand initech is not in the file\n");
        assertThat(machineFromStdin.status()).isEqualTo(2);
        assertThat(twoAccounts.status()).isEqualTo(2);
        assertThat(twoAccounts.err()).startsWith("Error: --brand=ID, --client=CLIENT_ID are mutually exclusive");
        assertThat(credentials.text()).isEqualTo(original);
    }

    @Test
    void suspendAndActivateSetTheStatusAndKeepTheEndOfLineComment() {
        credentials.write(original.replace("        status: active\n        scopes: [content:read, content:write]",
                "        status: active  # paid until March\n        scopes: [content:read, content:write]"));

        Cli.Run suspended = Cli.now().run("credentials", "suspend", "--file", credentials.path(), "--brand", "acme");

        assertThat(suspended.status()).isZero();
        assertThat(suspended.out()).isEqualTo("brand acme is suspended in " + credentials.path() + "\n");
        assertThat(credentials.text()).contains("        status: suspended # paid until March\n");
        assertThat(credentials.loaded().brandByApiKey("ak_demo_acme").status()).isEqualTo(AccountStatus.SUSPENDED);

        Cli.Run activated = Cli.now().run("credentials", "activate", "--file", credentials.path(), "--brand", "acme");

        assertThat(activated.status()).isZero();
        assertThat(credentials.loaded().brandByApiKey("ak_demo_acme").status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(credentials.permissions()).isEqualTo(CredentialsFixture.GROUP_READABLE);
    }

    @Test
    void suspendAddsAStatusToAnAccountWithoutOneAndActivateRevivesAnExpiredChannelUser() {
        Cli.Run client = Cli.now().run("credentials", "suspend", "--file", credentials.path(), "--client", "demo-spa");
        Cli.Run channel = Cli.now().run("credentials", "activate", "--file", credentials.path(), "--channel-user",
                "channel_expired");

        assertThat(client.status()).isZero();
        assertThat(channel.status()).isZero();
        Credentials loaded = credentials.loaded();
        assertThat(loaded.client("demo-spa").status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(loaded.channelUser("channel_expired").status()).isEqualTo(ChannelUserStatus.ACTIVE);
        assertUntouchedExceptForTheEdit();
    }

    @Test
    void suspendingASuspendedAccountChangesNothing() {
        Cli.Run run = Cli.now().run("credentials", "suspend", "--file", credentials.path(), "--brand", "dormant");

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("brand dormant is already suspended in " + credentials.path() + "\n");
        assertThat(credentials.text()).isEqualTo(original);
    }

    @Test
    void removeDeletesTheEntryAndRefusesAnUnknownOne() {
        Cli.Run removed = Cli.now().run("credentials", "remove", "--file", credentials.path(), "--channel-user",
                "channel_expired");
        Cli.Run again = Cli.now().run("credentials", "remove", "--file", credentials.path(), "--channel-user",
                "channel_expired");

        assertThat(removed.status()).isZero();
        assertThat(removed.out()).isEqualTo("channel-user channel_expired removed from " + credentials.path() + "\n");
        assertThat(credentials.loaded().channelUser("channel_expired")).isNull();
        assertThat(credentials.loaded().channelUser("channel_user")).isNotNull();
        assertThat(credentials.text()).doesNotContain("channel_expired", "6ba7b810");
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("remove: refused: channel-user channel_expired is not in the file\n");
    }

    @Test
    void checkAppliesTheServersValidation() {
        Cli.Run good = Cli.now().run("credentials", "check", "--file", credentials.path());
        String clear = Secrets.remember("sk_typed_in_clear_2a8e6f3b5c9d1a7e2f4b8c");
        credentials.write(original.replace(
                "\"{sha256}c2d98204a3fa3ece8959bf9cc86fddae96d408067deef89b455715081607c079\"", clear));
        Cli.Run bad = Cli.now().run("credentials", "check", "--file", credentials.path());

        assertThat(good.status()).isZero();
        assertThat(good.out()).isEqualTo(credentials.path()
                + ": the server would accept it (2 brands, 2 channel users, 3 clients, 1 users)\n");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).startsWith("check: refused: brand acme: api-secret must be stored hashed").doesNotContain(clear);
    }

    @Test
    void aFileThatIsNotYamlIsRefusedByPositionWithoutQuotingIt() {
        String clear = Secrets.remember("sk_pasted_in_clear_9d1a7e2f4b8c2a8e6f3b5c");
        credentials.write(original.replace("    brands:\n", "    brands:\n      - id: [" + clear + "\n"));

        Cli.Run run = Cli.now().run("credentials", "suspend", "--file", credentials.path(), "--brand", "acme");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("suspend: refused: credentials file: not valid YAML at line ")
                .doesNotContain(clear);
    }

    @ParameterizedTest
    @ValueSource(strings = {"add-brand", "add-channel-user", "add-client", "add-user", "rotate-secret", "suspend",
        "activate", "remove", "check"})
    void everyVerbHasHelpWithAnExample(String verb) {
        Cli.Run run = Cli.now().run("credentials", verb, "--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("Usage: tollgate credentials " + verb + " ")
                .contains("  java -jar tollgate.jar credentials " + verb + " --file config/credentials.yml");
    }

    @Test
    void theGroupWithoutAVerbIsAUsageError() {
        Cli.Run run = Cli.now().run("credentials");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("Missing verb: one of [add-brand, add-channel-user, add-client, add-user, "
                + "rotate-secret, suspend, activate, remove, check]");
    }

    private static Map<String, Object> json(String text) {
        return JSON.readerForMapOf(Object.class).readValue(text);
    }

    /** Comments and permissions kept, no temporary file left beside the file. */
    private void assertUntouchedExceptForTheEdit() {
        assertThat(CredentialsFixture.comments(credentials.text()))
                .containsExactlyElementsOf(CredentialsFixture.comments(original));
        assertThat(credentials.permissions()).isEqualTo(CredentialsFixture.GROUP_READABLE);
        assertThat(credentials.directoryListing()).containsExactly(credentials.file);
    }
}
