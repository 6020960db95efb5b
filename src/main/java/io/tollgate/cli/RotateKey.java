package io.tollgate.cli;

import com.nimbusds.jose.jwk.JWK;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keys rotate}: a new signing key, the old one kept published until its tokens expire. */
@Command(name = "rotate",
        description = {"Makes a new key the active one (first in the file) and keeps the old one published, marked "
                + "with the JWK exp member = now + --retire-after: no token it signed is valid after that, and "
                + "keys retire removes it only then.",
            "--kid naming a key already in the file activates that key instead of making one.",
            "--publish-only adds the new key at the end, published but not signing: with several replicas, or "
                + "gateway-only pods that refresh the JWKS, publish first, wait until every pod serves the new "
                + "file (tollgate_config_info) and the gateways' JWKS refresh has passed, then activate it with "
                + "keys rotate --kid <kid>."},
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar tollgate.jar keys rotate --file jwks.json",
            "  java -jar tollgate.jar keys rotate --file jwks.json --publish-only --kid 2027-01",
            "  java -jar tollgate.jar keys rotate --file jwks.json --kid 2027-01"})
final class RotateKey extends Verb {

    /** The longest default token lifetime (OAuth user tokens, 24 h) plus the largest clock skew allowed (5 min). */
    static final String DEFAULT_RETIRE_AFTER = "PT24H5M";

    @Mixin
    KeySetFileOption file;

    @Mixin
    NewKeyOptions key;

    @Option(names = "--publish-only", description = "add the new key at the end without making it sign")
    boolean publishOnly;

    @Option(names = "--retire-after", paramLabel = "DURATION", defaultValue = DEFAULT_RETIRE_AFTER, converter = DurationConverter.class,
            description = "the old key's exp from now: the longest token lifetime plus the clock skew "
                    + "(default: ${DEFAULT-VALUE}, for tollgate.issuer.lifetimes.oauth-user 24h and the largest "
                    + "clock-skew, 5m)")
    Duration retireAfter;

    private final CliContext context;

    RotateKey(CliContext context) {
        this.context = context;
    }

    @Override
    void run() {
        KeySetFile keys = file.open();
        List<JWK> all = new ArrayList<>(keys.read());
        if (all.isEmpty()) {
            throw new Refusal(keys.path() + " holds no key: make one with keys generate");
        }
        JWK existing = key.kid == null ? null
                : all.stream().filter(jwk -> key.kid.equals(jwk.getKeyID())).findFirst().orElse(null);
        if (publishOnly) {
            if (existing != null) {
                throw new UsageProblem("key " + key.kid + " is already published; --publish-only makes a new key");
            }
            JWK generated = key.generate(context);
            all.add(generated);
            keys.write(all);
            out().println("key " + generated.getKeyID() + " (" + key.algorithm + ") published in " + keys.path()
                    + ", not signing; once every pod serves it: keys rotate --file " + keys.path() + " --kid "
                    + generated.getKeyID());
            return;
        }
        JWK previous = all.get(0);
        if (existing == previous) {
            throw new Refusal("key " + key.kid + " is already the active key");
        }
        JWK next = existing != null ? existing : key.generate(context);
        all.remove(existing);
        Instant expiry = context.clock().instant().plus(retireAfter).truncatedTo(ChronoUnit.SECONDS);
        all.set(0, KeyExpiry.with(previous, expiry));
        all.add(0, KeyExpiry.with(next, null));
        keys.write(all);
        out().println("key " + next.getKeyID() + " signs from the next reload of " + keys.path() + "; key "
                + previous.getKeyID() + " stays published until " + expiry + ", then: keys retire --file "
                + keys.path() + " --kid " + previous.getKeyID());
    }
}
