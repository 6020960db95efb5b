package io.tollgate.credentials;

import io.tollgate.audit.AuditLog;
import io.tollgate.reload.ReloadingFile;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials file as a {@link CredentialsSource}: the snapshot {@link ReloadingFile} holds,
 * swapped whole when a changed file passes the start's own checks. Each applied reload is
 * compared with the snapshot before it ({@link CredentialsChange#between}); every change is one
 * audit line, then the change goes to the listeners.
 */
public final class FileCredentialsSource implements CredentialsSource {

    private static final Logger log = LoggerFactory.getLogger(FileCredentialsSource.class);

    private final ReloadingFile<Credentials> file;
    private final List<Consumer<CredentialsChange>> listeners = new CopyOnWriteArrayList<>();

    public FileCredentialsSource(ReloadingFile<Credentials> file, AuditLog audit) {
        this.file = file;
        file.onApplied((previous, next) -> {
            CredentialsChange change = CredentialsChange.between(previous, next);
            change.auditEvents().forEach(audit::record);
            if (!change.isEmpty()) {
                listeners.forEach(listener -> tell(listener, change));
            }
        });
    }

    /** One listener failing does not keep the change from the others. */
    private static void tell(Consumer<CredentialsChange> listener, CredentialsChange change) {
        try {
            listener.accept(change);
        } catch (RuntimeException e) {
            log.warn("credentials change listener failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public Credentials current() {
        return file.current();
    }

    @Override
    public void onChange(Consumer<CredentialsChange> listener) {
        listeners.add(listener);
    }
}
