package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.credentials.SecretVerifier;
import io.tollgate.support.Secrets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@code admin token}: an operator token printed once, last, after the {@code {sha256}} hash to configure. */
class AdminTokenCliTest {

    @Test
    void printsTheHashToConfigureAndTheTokenAloneOnTheLastLine() {
        Cli.Run run = Cli.now().run("admin", "token");

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        String token = run.lastLine();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(run.lines()).containsExactly("add this hash to tollgate.admin.tokens:", SecretMint.sha256(token),
                "the operator token, shown only now (Authorization: Bearer <token>):", token);
        assertThat(SecretVerifier.sha256().accepts(run.lines().get(1))).isTrue();
        assertThat(SecretVerifier.sha256().matches(token, run.lines().get(1))).isTrue();
    }

    @Test
    void printsOneJsonObjectWithJson() {
        Cli.Run run = Cli.now().run("admin", "token", "--json");

        Map<String, Object> printed = JsonMapper.builder().build().readerForMapOf(Object.class).readValue(run.out());
        String token = Secrets.remember((String) printed.get("token"));
        assertThat(run.status()).isZero();
        assertThat(run.lines()).hasSize(1);
        assertThat(printed).containsOnlyKeys("hash", "token").containsEntry("hash", SecretMint.sha256(token));
    }

    @Test
    void twoTokensDiffer() {
        assertThat(Cli.now().run("admin", "token").lastLine()).isNotEqualTo(Cli.now().run("admin", "token").lastLine());
    }

    @Test
    void hasHelpWithAnExample() {
        Cli.Run run = Cli.now().run("admin", "token", "--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("Usage: tollgate admin token ").contains("  java -jar tollgate.jar admin token");
    }
}
