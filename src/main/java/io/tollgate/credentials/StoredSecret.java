package io.tollgate.credentials;

import java.time.Instant;

/**
 * One stored secret or password of an account: its hash and, while it is being rotated out, the
 * last instant it authenticates.
 *
 * @param hash the stored hash with its algorithm prefix ({@code {sha256}…}, {@code {bcrypt}…})
 * @param notAfter the last instant it authenticates, or {@code null} for no end
 */
public record StoredSecret(String hash, Instant notAfter) {

    /** True unless {@code now} lies after its {@code not-after}: an expired secret is a wrong one. */
    public boolean isUsableAt(Instant now) {
        return notAfter == null || !now.isAfter(notAfter);
    }

    @Override
    public String toString() {
        return "StoredSecret[notAfter=" + notAfter + "]";
    }
}
