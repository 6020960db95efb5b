package io.tollgate.credentials;

import java.util.function.Consumer;

/**
 * Where the provisioned accounts come from: the port every consumer reads them through, in the
 * shape of Spring Authorization Server's {@code RegisteredClientRepository}, but handing out whole
 * immutable snapshots. A consumer reads {@link #current()} once per request (one volatile read)
 * and looks everything up in that snapshot, so no request sees half of a reload. The adapter in
 * use reads the credentials file ({@link FileCredentialsSource}).
 */
public interface CredentialsSource {

    /** The snapshot in force. */
    Credentials current();

    /**
     * Runs {@code listener} after each new snapshot is in force, with what changed from the one
     * before (never an empty change); for those who act on a suspension or a removal.
     */
    void onChange(Consumer<CredentialsChange> listener);
}
