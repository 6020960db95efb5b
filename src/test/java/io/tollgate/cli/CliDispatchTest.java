package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.TollgateApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TollgateApplication#main} in a process of its own, as {@code java -jar tollgate.jar …}
 * runs it: a CLI group as the first argument runs the command with no Spring context (standard
 * output holds only what the command prints, the exit status is the command's); anything else
 * starts the server as before.
 */
class CliDispatchTest {

    private record Exit(int status, String out, String err) {}

    @TempDir
    Path directory;

    @Test
    void aCliGroupRunsTheCommandWithoutStartingTheServer() throws Exception {
        CredentialsFixture credentials = CredentialsFixture.demo(directory);

        Exit check = main("credentials", "check", "--file", credentials.path());

        assertThat(check.status()).isZero();
        assertThat(check.out()).isEqualTo(credentials.path()
                + ": the server would accept it (2 brands, 2 channel users, 3 clients, 1 users)\n");
        assertThat(check.err()).isEmpty();
    }

    @Test
    void theProcessExitsWithTheCommandsStatus() throws Exception {
        Exit usage = main("keys", "retire");
        Exit refused = main("credentials", "remove", "--file", CredentialsFixture.demo(directory).path(), "--brand",
                "initech");

        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.out()).isEmpty();
        assertThat(usage.err()).startsWith("Missing required options: '--file=FILE', '--kid=KID'");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("remove: refused: brand initech is not in the file\n");
    }

    @Test
    void anythingElseStartsTheServerAsBefore() throws Exception {
        Exit server = main("--tollgate.credentials.location=file:" + directory.resolve("absent.yml"),
                "--server.port=0", "--management.server.port=0");

        assertThat(server.status()).isEqualTo(1);
        assertThat(server.out()).contains("Starting TollgateApplication", "Application run failed");
    }

    @Test
    void onlyTheCliGroupsAreTheCli() {
        assertThat(TollgateCli.handles(new String[] {"credentials", "check"})).isTrue();
        assertThat(TollgateCli.handles(new String[] {"keys"})).isTrue();
        assertThat(TollgateCli.handles(new String[] {"admin", "token"})).isTrue();
        assertThat(TollgateCli.handles(new String[] {})).isFalse();
        assertThat(TollgateCli.handles(new String[] {"--server.port=0", "credentials"})).isFalse();
        assertThat(TollgateCli.handles(new String[] {"--help"})).isFalse();
    }

    private Exit main(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                TollgateApplication.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(directory, "out", ".txt");
        Path err = Files.createTempFile(directory, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            process.getOutputStream().close();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("exited").isTrue();
            return new Exit(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            process.destroyForcibly();
        }
    }
}
