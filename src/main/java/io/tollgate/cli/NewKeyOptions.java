package io.tollgate.cli;

import com.nimbusds.jose.jwk.JWK;
import picocli.CommandLine.Option;

/** {@code --alg} and {@code --kid} of a key to make. */
final class NewKeyOptions {

    @Option(names = "--alg", paramLabel = "ALG", defaultValue = "RS256",
            description = "RS256 (default) or ES256; the server signs with either")
    KeyAlgorithm algorithm;

    @Option(names = "--kid", paramLabel = "KID", description = "the new key's kid (default: its RFC 7638 thumbprint)")
    String kid;

    JWK generate(CliContext context) {
        return algorithm.generate(kid, context.clock().instant(), context.random());
    }
}
