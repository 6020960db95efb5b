package io.tollgate.reload;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A configuration file that is read again when it changes, and the snapshot made of it.
 *
 * <p>The snapshot is immutable and swapped whole (one volatile write), as {@code RemoteKeySet}
 * swaps its keys: a request reads {@link #current()} once and never sees half a file. A new
 * version is read into memory once, checksummed, and handed to {@code load} as those bytes, so
 * the checksum shown is that of the content checked, even if the file changes again meanwhile.
 * {@code load} is the start's own parse-and-check: a version it refuses (it throws) is refused in
 * one WARN line carrying the exception's message, which therefore names the entry and the problem
 * and never a secret; the last good snapshot keeps serving, and readiness is not touched.
 *
 * <p>Changes are noticed two ways, on one daemon thread per file, never an event loop:
 *
 * <ul>
 *   <li>a {@link WatchService} on the file's directory: any event there (a Kubernetes Secret
 *       volume publishes a new version by renaming a new {@code ..data} symlink over the old one)
 *       makes the file be read again, after a short settle so a burst of events is one read;
 *   <li>a poll every {@code tollgate.reload.poll-interval}, for what a watch cannot see (a file
 *       reached through a symlink into a directory not watched, network file systems).
 * </ul>
 *
 * A read whose checksum equals the one in force changes nothing, and a version refused once is not
 * checked, counted or logged again until the file changes. Listeners ({@link #onApplied})
 * run on the reload thread after each applied version, with the snapshots before and after.
 *
 * @param <T> the snapshot
 */
public final class ReloadingFile<T> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReloadingFile.class);
    /** How long a burst of file system events is left to settle before the file is read. */
    private static final Duration SETTLE = Duration.ofMillis(100);

    private final String file;
    private final Resource location;
    private final Function<Resource, T> load;
    private final Duration pollInterval;
    private final ReloadMeters meters;
    private final List<BiConsumer<T, T>> listeners = new CopyOnWriteArrayList<>();
    private volatile Version<T> current;
    /** What the last refusal was about (a checksum, or a read failure's message), so it is refused once, not per poll. */
    private String lastRefused;
    private volatile Thread watcher;
    private volatile WatchService watchService;

    /**
     * Reads and checks the file at once: a problem throws, so the start fails as it did before
     * files were reloaded.
     *
     * @param file the {@code file} label of the meters: {@code credentials} or {@code keys}
     * @param load parses and checks one version; throws to refuse it
     */
    public ReloadingFile(
            String file, Resource location, Function<Resource, T> load, ReloadProperties properties,
            MeterRegistry registry) {
        this.file = file;
        this.location = location;
        this.load = load;
        this.pollInterval = properties.pollInterval();
        this.meters = new ReloadMeters(file, registry);
        byte[] content = read();
        FileChecksum checksum = FileChecksum.of(content);
        this.current = new Version<>(load.apply(asResource(content)), checksum);
        meters.serving(checksum);
    }

    /** The snapshot in force. */
    public T current() {
        return current.snapshot();
    }

    /** Runs {@code listener} with the snapshots before and after each applied version. */
    public void onApplied(BiConsumer<T, T> listener) {
        listeners.add(listener);
    }

    /**
     * Reads the file again now, off the caller's thread, and completes once that read is over,
     * applied or not: for a caller with reason to believe the file changed before the watch or
     * the poll noticed (a token signed with a key this instance does not know yet).
     */
    public Mono<Void> recheck() {
        return Mono.fromRunnable(this::check).subscribeOn(Schedulers.boundedElastic()).then();
    }

    /** Reads the file; applies it if its checksum changed and {@code load} accepts it. */
    synchronized void check() {
        byte[] content;
        try {
            content = read();
        } catch (UncheckedIOException e) {
            refuse(e.getMessage(), e.getMessage());
            return;
        }
        FileChecksum checksum = FileChecksum.of(content);
        Version<T> previous = current;
        if (checksum.equals(previous.checksum())) {
            lastRefused = null;
            return;
        }
        if (checksum.hex().equals(lastRefused)) {
            return;
        }
        T next;
        try {
            next = load.apply(asResource(content));
        } catch (RuntimeException e) {
            refuse(checksum.hex(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return;
        }
        lastRefused = null;
        current = new Version<>(next, checksum);
        meters.serving(checksum);
        meters.applied();
        log.info("{} reloaded: now serving checksum {}", file, checksum.hex());
        for (BiConsumer<T, T> listener : listeners) {
            try {
                listener.accept(previous.snapshot(), next);
            } catch (RuntimeException e) {
                log.warn("{} reload listener failed: {}", file, e.getClass().getSimpleName());
            }
        }
    }

    /** Counts and logs a refusal, once per version (or per read failure) however often the file is read. */
    private void refuse(String about, String reason) {
        if (about.equals(lastRefused)) {
            return;
        }
        lastRefused = about;
        meters.rejected();
        log.warn("{} reload refused, still serving checksum {}: {}", file, current.checksum().hex(), reason);
    }

    private byte[] read() {
        try {
            return location.getContentAsByteArray();
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new UncheckedIOException(file + " file not found: " + location.getDescription(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " file " + location.getDescription() + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private Resource asResource(byte[] content) {
        return new ByteArrayResource(content, location.getDescription()) {
            @Override
            public String getDescription() {
                return location.getDescription();
            }
        };
    }

    @Override
    public synchronized void start() {
        if (watcher != null) {
            return;
        }
        watchService = watch();
        Thread thread = new Thread(this::run, "tollgate-reload-" + file);
        thread.setDaemon(true);
        watcher = thread;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        Thread thread = watcher;
        watcher = null;
        if (thread != null) {
            thread.interrupt();
        }
        closeWatch();
    }

    @Override
    public boolean isRunning() {
        return watcher != null;
    }

    /** The directory the file is in, watched; {@code null} when the file is not on a local file system. */
    private WatchService watch() {
        Path directory = directory();
        if (directory == null) {
            return null;
        }
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            directory.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            return service;
        } catch (IOException | UnsupportedOperationException e) {
            log.info("{} file: no file system watch on {} ({}); polling every {}", file, directory,
                    e.getClass().getSimpleName(), pollInterval);
            return null;
        }
    }

    private Path directory() {
        if (!location.isFile()) {
            return null;
        }
        try {
            Path parent = location.getFile().toPath().toAbsolutePath().getParent();
            return parent != null && Files.isDirectory(parent) ? parent : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void run() {
        while (watcher == Thread.currentThread()) {
            try {
                awaitChangeOrPoll();
                check();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("{} reload failed: {}", file, e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Returns when the directory announced something and it settled, or a poll is due. A directory
     * that never stops announcing is read at least once per poll interval.
     */
    private void awaitChangeOrPoll() throws InterruptedException {
        WatchService service = watchService;
        if (service == null) {
            TimeUnit.MILLISECONDS.sleep(pollInterval.toMillis());
            return;
        }
        WatchKey key = service.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        long settledBy = System.nanoTime() + pollInterval.toNanos();
        while (key != null) {
            key.pollEvents();
            key.reset();
            key = System.nanoTime() - settledBy < 0 ? service.poll(SETTLE.toMillis(), TimeUnit.MILLISECONDS) : null;
        }
    }

    private void closeWatch() {
        WatchService service = watchService;
        watchService = null;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                log.debug("{} file watch did not close cleanly: {}", file, e.getClass().getSimpleName());
            }
        }
    }

    /** A snapshot and the checksum of the content it was made of. */
    private record Version<T>(T snapshot, FileChecksum checksum) {}
}
