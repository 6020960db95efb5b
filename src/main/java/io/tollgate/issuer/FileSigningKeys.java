package io.tollgate.issuer;

import io.tollgate.reload.ReloadingFile;
import java.util.function.BiConsumer;
import reactor.core.publisher.Mono;

/** The signing keys of {@code tollgate.issuer.keys.location}, read again whenever the file changes. */
final class FileSigningKeys implements SigningKeys {

    private final ReloadingFile<KeyRing> file;

    FileSigningKeys(ReloadingFile<KeyRing> file) {
        this.file = file;
    }

    @Override
    public KeyRing current() {
        return file.current();
    }

    @Override
    public void onChange(BiConsumer<KeyRing, KeyRing> listener) {
        file.onApplied(listener);
    }

    @Override
    public Mono<Void> recheck() {
        return file.recheck();
    }
}
