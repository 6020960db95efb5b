package io.tollgate.cli;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.tollgate.crypto.SignatureCrypto;
import io.tollgate.issuer.KeyRing;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JWK set file of the issuer's signing keys: the first key signs, every key verifies. Read
 * with nimbus; written one member a line (so a change shows as a readable diff), checked as the
 * server's {@link KeyRing} checks it, then renamed over the file in one step. Members nimbus does
 * not know are not kept.
 */
final class KeySetFile {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final AtomicFile file;

    KeySetFile(Path path) {
        this.file = new AtomicFile(path);
    }

    Path path() {
        return file.path();
    }

    boolean exists() {
        return file.exists();
    }

    /** The keys, in the file's order; a missing file is a usage error. */
    List<JWK> read() {
        if (!file.exists()) {
            throw new UsageProblem("no JWK set file at " + file.path());
        }
        return parse(file.read()).getKeys();
    }

    void write(List<JWK> keys) {
        JWKSet set = new JWKSet(keys);
        file.write(JSON.writeValueAsString(set.toJSONObject(false)) + "\n", KeySetFile::check);
    }

    /** What the server refuses at start or on reload: no key, a duplicate kid, a key it cannot use. */
    static void check(Path written) {
        List<JWK> keys = parse(new AtomicFile(written).read()).getKeys();
        Set<String> kids = new HashSet<>();
        for (JWK key : keys) {
            if (key.getKeyID() != null && !kids.add(key.getKeyID())) {
                throw new Refusal("kid " + key.getKeyID() + " is in the JWK set twice: give each key its own kid");
            }
        }
        try {
            new KeyRing("urn:tollgate:cli", new JWKSet(keys), null, SignatureCrypto.jdk());
        } catch (IllegalArgumentException e) {
            throw new Refusal(e.getMessage());
        }
    }

    private static JWKSet parse(String text) {
        try {
            return JWKSet.parse(text);
        } catch (ParseException e) {
            throw new Refusal("not a valid JWK set (details withheld: the file holds private keys)");
        }
    }
}
