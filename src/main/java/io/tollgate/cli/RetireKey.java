package io.tollgate.cli;

import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keys retire}: a key no token can still need is removed. */
@Command(name = "retire",
        description = {"Removes a key once no token it signed can still be valid: its exp (set by keys rotate) has "
                + "passed. Never the active key (the first).",
            "--force removes a key without exp, or before it, and cuts off every token it signed that is still "
                + "live (a leaked key)."},
        footerHeading = "%nExample:%n",
        footer = "  java -jar tollgate.jar keys retire --file jwks.json --kid 3nL0Fy8Wq0")
final class RetireKey extends Verb {

    @Mixin
    KeySetFileOption file;

    @Option(names = "--kid", paramLabel = "KID", required = true, description = "the key to remove")
    String kid;

    @Option(names = "--force", description = "remove it even if its exp has not passed or it has none")
    boolean force;

    private final CliContext context;

    RetireKey(CliContext context) {
        this.context = context;
    }

    @Override
    void run() {
        KeySetFile keys = file.open();
        List<JWK> all = new ArrayList<>(keys.read());
        JWK retired = all.stream().filter(jwk -> kid.equals(jwk.getKeyID())).findFirst()
                .orElseThrow(() -> new Refusal("no key " + kid + " in " + keys.path()));
        if (retired == all.get(0)) {
            throw new Refusal("key " + kid + " is the active key (the first in the file): rotate to another key first");
        }
        Instant expiry = KeyExpiry.of(retired);
        Instant now = context.clock().instant();
        if (!force && expiry == null) {
            throw new Refusal("key " + kid + " has no exp, so tokens it signed may still be valid: retire a key keys "
                    + "rotate replaced once its exp has passed, or use --force to cut its tokens off");
        }
        if (!force && !now.isAfter(expiry)) {
            throw new Refusal("key " + kid + " still verifies tokens that are valid until " + expiry
                    + ": retire it after that, or use --force to cut them off");
        }
        all.remove(retired);
        keys.write(all);
        out().println("key " + kid + " removed from " + keys.path() + "; tokens it signed stop verifying at the next "
                + "reload");
    }
}
