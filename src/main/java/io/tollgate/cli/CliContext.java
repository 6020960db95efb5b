package io.tollgate.cli;

import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * What the commands read besides their options: standard input (a person's password), the clock
 * (a secret's or key's expiry) and the source of new secrets. Standard output and error are the
 * {@code CommandLine}'s own.
 */
record CliContext(InputStream in, Clock clock, SecureRandom random) {

    static CliContext system() {
        return new CliContext(System.in, Clock.systemUTC(), new SecureRandom());
    }

    SecretMint secrets() {
        return new SecretMint(random);
    }
}
