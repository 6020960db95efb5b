package io.tollgate.cli;

import com.nimbusds.jose.jwk.JWK;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code keys generate}: a new JWK set file, or one more key in an existing one. */
@Command(name = "generate",
        description = {"Makes a new JWK set file with one private key, which signs; on an existing file, adds a "
                + "key at the end: published (it verifies), not signing, as keys rotate --publish-only does.",
            "A new file is readable by its owner only."},
        footerHeading = "%nExample:%n",
        footer = "  java -jar tollgate.jar keys generate --file jwks.json --alg ES256")
final class GenerateKey extends Verb {

    @Mixin
    KeySetFileOption file;

    @Mixin
    NewKeyOptions key;

    private final CliContext context;

    GenerateKey(CliContext context) {
        this.context = context;
    }

    @Override
    void run() {
        KeySetFile keys = file.open();
        JWK generated = key.generate(context);
        if (!keys.exists()) {
            keys.write(List.of(generated));
            out().println("JWK set " + keys.path() + " made: key " + generated.getKeyID() + " (" + key.algorithm
                    + ") signs");
            return;
        }
        List<JWK> all = new ArrayList<>(keys.read());
        all.add(generated);
        keys.write(all);
        out().println("key " + generated.getKeyID() + " (" + key.algorithm + ") added to " + keys.path()
                + ": published, not signing; make it sign with: keys rotate --file " + keys.path() + " --kid "
                + generated.getKeyID());
    }
}
