package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.issuer.KeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code keys} verb, in-process: the JWK set file it leaves (checked as the server's key ring
 * checks it), which key signs, the {@code exp} a rotation gives the old key, and when a retirement
 * is allowed.
 */
class KeysCliTest {

    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("jwks.json");
    }

    private List<JWK> keys() throws Exception {
        return JWKSet.load(file().toFile()).getKeys();
    }

    private Cli.Run generate() {
        return Cli.now().run("keys", "generate", "--file", file().toString());
    }

    @Test
    void generateMakesAFileReadableByItsOwnerOnlyWithOneSigningKey() throws Exception {
        Cli.Run run = generate();

        assertThat(run.status()).isZero();
        List<JWK> keys = keys();
        assertThat(keys).singleElement().satisfies(key -> {
            assertThat(key.isPrivate()).isTrue();
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
            assertThat(key.getIssueTime().toInstant()).isEqualTo(Cli.NOW);
            assertThat(key.getExpirationTime()).isNull();
        });
        assertThat(run.out()).isEqualTo("JWK set " + file() + " made: key " + keys.get(0).getKeyID() + " (RS256) signs\n");
        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(ring().find(keys.get(0).getKeyID())).isNotNull();
    }

    @Test
    void generateOnAnExistingFileAddsAPublishedKeyThatDoesNotSign() throws Exception {
        generate();
        String first = keys().get(0).getKeyID();

        Cli.Run run = Cli.now().run("keys", "generate", "--file", file().toString(), "--alg", "es256", "--kid", "ec-2027");

        assertThat(run.status()).isZero();
        assertThat(keys()).extracting(JWK::getKeyID).containsExactly(first, "ec-2027");
        assertThat(keys().get(1).getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertSigns(first);
    }

    @Test
    void rotateMakesANewKeyActiveAndMarksTheOldOneWithExp() throws Exception {
        generate();
        String old = keys().get(0).getKeyID();
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r-----"));

        Cli.Run run = Cli.now().run("keys", "rotate", "--file", file().toString(), "--kid", "rs-2027");

        assertThat(run.status()).isZero();
        Instant expiry = Cli.NOW.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(5));
        assertThat(run.out()).isEqualTo("key rs-2027 signs from the next reload of " + file() + "; key " + old
                + " stays published until " + expiry + ", then: keys retire --file " + file() + " --kid " + old + "\n");
        List<JWK> keys = keys();
        assertThat(keys).extracting(JWK::getKeyID).containsExactly("rs-2027", old);
        assertThat(keys.get(0).getExpirationTime()).isNull();
        assertThat(keys.get(1).getExpirationTime().toInstant()).isEqualTo(expiry);
        assertSigns("rs-2027");
        assertThat(ring().find(old)).isNotNull();
        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    }

    @Test
    void rotateWithPublishOnlyAddsTheKeyLastAndALaterRotateActivatesIt() throws Exception {
        generate();
        String old = keys().get(0).getKeyID();

        Cli.Run published = Cli.now().run("keys", "rotate", "--file", file().toString(), "--publish-only", "--kid", "next");

        assertThat(published.status()).isZero();
        assertThat(keys()).extracting(JWK::getKeyID).containsExactly(old, "next");
        assertThat(keys()).allSatisfy(key -> assertThat(key.getExpirationTime()).isNull());
        assertSigns(old);

        Cli.Run activated = Cli.at(Cli.NOW.plusSeconds(600)).run("keys", "rotate", "--file", file().toString(),
                "--kid", "next", "--retire-after", "2h");

        assertThat(activated.status()).isZero();
        assertThat(keys()).extracting(JWK::getKeyID).containsExactly("next", old);
        assertThat(keys().get(1).getExpirationTime().toInstant()).isEqualTo(Cli.NOW.plusSeconds(600 + 7200));
        assertSigns("next");
    }

    @Test
    void rotateRefusesWhatWouldChangeNothingOrCannotBe() {
        generate();
        String active = keysUnchecked().get(0).getKeyID();

        Cli.Run already = Cli.now().run("keys", "rotate", "--file", file().toString(), "--kid", active);
        Cli.Run republished = Cli.now().run("keys", "rotate", "--file", file().toString(), "--publish-only", "--kid",
                active);
        Cli.Run eddsa = Cli.now().run("keys", "rotate", "--file", file().toString(), "--alg", "EdDSA");
        Cli.Run missing = Cli.now().run("keys", "rotate", "--file", directory.resolve("none.json").toString());

        assertThat(already.status()).isEqualTo(1);
        assertThat(already.err()).isEqualTo("rotate: refused: key " + active + " is already the active key\n");
        assertThat(republished.status()).isEqualTo(2);
        assertThat(eddsa.status()).isEqualTo(2);
        assertThat(eddsa.err()).startsWith("Invalid value for option '--alg': expected one of [RS256, ES256]");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("rotate: no JWK set file at " + directory.resolve("none.json"));
        assertThat(keysUnchecked()).hasSize(1);
    }

    @Test
    void retireRemovesAKeyOnlyOnceItsExpHasPassed() throws Exception {
        generate();
        String old = keys().get(0).getKeyID();
        Cli.now().run("keys", "rotate", "--file", file().toString(), "--kid", "rs-2027");
        Instant expiry = keys().get(1).getExpirationTime().toInstant();

        Cli.Run early = Cli.at(expiry).run("keys", "retire", "--file", file().toString(), "--kid", old);

        assertThat(early.status()).isEqualTo(1);
        assertThat(early.err()).isEqualTo("retire: refused: key " + old + " still verifies tokens that are valid until "
                + expiry + ": retire it after that, or use --force to cut them off\n");
        assertThat(keys()).hasSize(2);

        Cli.Run retired = Cli.at(expiry.plusSeconds(1)).run("keys", "retire", "--file", file().toString(), "--kid", old);

        assertThat(retired.status()).isZero();
        assertThat(retired.out()).isEqualTo("key " + old + " removed from " + file()
                + "; tokens it signed stop verifying at the next reload\n");
        assertThat(keys()).extracting(JWK::getKeyID).containsExactly("rs-2027");
    }

    @Test
    void retireNeedsForceForAKeyWithoutExpAndNeverRemovesTheActiveKey() throws Exception {
        generate();
        String active = keys().get(0).getKeyID();
        Cli.now().run("keys", "generate", "--file", file().toString(), "--kid", "spare");

        Cli.Run withoutExp = Cli.now().run("keys", "retire", "--file", file().toString(), "--kid", "spare");
        Cli.Run activeForced = Cli.now().run("keys", "retire", "--file", file().toString(), "--kid", active, "--force");
        Cli.Run unknown = Cli.now().run("keys", "retire", "--file", file().toString(), "--kid", "nope");

        assertThat(withoutExp.status()).isEqualTo(1);
        assertThat(withoutExp.err()).startsWith("retire: refused: key spare has no exp");
        assertThat(activeForced.status()).isEqualTo(1);
        assertThat(activeForced.err()).isEqualTo("retire: refused: key " + active
                + " is the active key (the first in the file): rotate to another key first\n");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(keys()).hasSize(2);

        Cli.Run forced = Cli.now().run("keys", "retire", "--file", file().toString(), "--kid", "spare", "--force");

        assertThat(forced.status()).isZero();
        assertThat(keys()).extracting(JWK::getKeyID).containsExactly(active);
    }

    @Test
    void aFileTheServerWouldRefuseIsNotWritten() throws Exception {
        generate();
        String before = Files.readString(file());

        Cli.Run duplicate = Cli.now().run("keys", "generate", "--file", file().toString(), "--kid",
                keys().get(0).getKeyID());

        assertThat(duplicate.status()).isEqualTo(1);
        assertThat(duplicate.err()).startsWith("generate: refused: ").contains(keys().get(0).getKeyID());
        assertThat(Files.readString(file())).isEqualTo(before);
        try (var listing = Files.list(directory)) {
            assertThat(listing.toList()).containsExactly(file());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"generate", "rotate", "retire"})
    void everyVerbHasHelpWithAnExample(String verb) {
        Cli.Run run = Cli.now().run("keys", verb, "--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("Usage: tollgate keys " + verb + " ")
                .contains("  java -jar tollgate.jar keys " + verb + " --file jwks.json");
    }

    /** The server's rule: the first key of the file signs; and the server's key ring accepts the file. */
    private void assertSigns(String kid) throws Exception {
        assertThat(keys().get(0).getKeyID()).isEqualTo(kid);
        assertThat(keys().get(0).isPrivate()).isTrue();
        assertThat(ring().find(kid)).isNotNull();
    }

    /** The file as the server's key ring reads it. */
    private KeyRing ring() throws Exception {
        return new KeyRing("http://localhost", JWKSet.load(file().toFile()), null, SignatureCrypto.jdk());
    }

    private List<JWK> keysUnchecked() {
        try {
            return keys();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
