package io.tollgate.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.support.SecretVolume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

class ReloadingFileTest {

    /** Long enough that only the file system watch can notice a change within a test. */
    private static final ReloadProperties WATCH_ONLY = new ReloadProperties(Duration.ofHours(1));
    private static final ReloadProperties QUICK_POLL = new ReloadProperties(Duration.ofMillis(200));

    /** The start's own check, in miniature: a version starting with "bad" is refused, naming the entry. */
    private static final Function<Resource, String> LOAD = resource -> {
        String content;
        try {
            content = resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (content.startsWith("bad")) {
            throw new IllegalArgumentException("brand acme: status must be active or suspended");
        }
        return content;
    };

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ReloadingFile.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final List<ReloadingFile<String>> started = new CopyOnWriteArrayList<>();

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stop() {
        started.forEach(ReloadingFile::stop);
        logger.detachAppender(lines);
    }

    @Test
    void aFileTheStartsCheckRefusesFailsTheStart() throws IOException {
        Path file = Files.writeString(dir.resolve("credentials.yml"), "bad version");

        assertThatThrownBy(() -> new ReloadingFile<>("credentials", new FileSystemResource(file), LOAD, WATCH_ONLY,
                registry)).hasMessage("brand acme: status must be active or suspended");
    }

    @Test
    void aNewVersionPublishedAsASecretVolumeDoesIsSwappedInAndShownByItsChecksum() {
        SecretVolume volume = SecretVolume.create(dir, "credentials.yml", "version one");
        ReloadingFile<String> file = start(volume.file(), WATCH_ONLY);
        List<String> applied = new CopyOnWriteArrayList<>();
        file.onApplied((before, after) -> applied.add(before + " -> " + after));
        assertThat(file.current()).isEqualTo("version one");
        assertThat(servedChecksums()).containsExactly(SecretVolume.checksumOf("version one"));

        volume.publish("version two");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(applied).isNotEmpty());
        assertThat(file.current()).isEqualTo("version two");
        assertThat(applied).containsExactly("version one -> version two");
        assertThat(reloads("applied")).isEqualTo(1);
        assertThat(reloads("rejected")).isZero();
        assertThat(servedChecksums()).containsExactly(SecretVolume.checksumOf("version two"));
    }

    @Test
    void aRefusedVersionIsOneLineNamingTheProblemAndTheLastGoodOneKeepsServing() {
        SecretVolume volume = SecretVolume.create(dir, "credentials.yml", "version one");
        ReloadingFile<String> file = start(volume.file(), WATCH_ONLY);

        volume.publish("bad version");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(reloads("rejected")).isEqualTo(1));
        assertThat(file.current()).isEqualTo("version one");
        assertThat(servedChecksums()).containsExactly(SecretVolume.checksumOf("version one"));
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "credentials reload refused, still serving checksum " + SecretVolume.checksumOf("version one")
                        + ": brand acme: status must be active or suspended");

        volume.publish("version three");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(file.current()).isEqualTo("version three"));
        assertThat(reloads("applied")).isEqualTo(1);
    }

    @Test
    void aRefusedVersionIsRefusedOnceHoweverOftenThePollReadsIt() throws IOException {
        Path file = Files.writeString(dir.resolve("credentials.yml"), "version one");
        ReloadingFile<String> reloading = start(file, QUICK_POLL);

        Files.writeString(file, "bad version");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(reloads("rejected")).isEqualTo(1));
        for (int i = 0; i < 5; i++) {
            reloading.recheck().block(Duration.ofSeconds(10));
        }

        assertThat(reloads("rejected")).isEqualTo(1);
        assertThat(lines.list).hasSize(1);
        Files.writeString(file, "version two");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(reloading.current()).isEqualTo("version two"));
    }

    @Test
    void theSameContentPublishedAgainChangesNothing() {
        SecretVolume volume = SecretVolume.create(dir, "credentials.yml", "version one");
        ReloadingFile<String> file = start(volume.file(), WATCH_ONLY);
        List<String> applied = new CopyOnWriteArrayList<>();
        file.onApplied((before, after) -> applied.add(after));

        volume.publish("version one");
        volume.publish("version two");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(applied).isNotEmpty());
        assertThat(applied).containsExactly("version two");
        assertThat(reloads("applied")).isEqualTo(1);
    }

    @Test
    void thePollFindsAChangeTheWatchCannotSee() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path target = Files.writeString(elsewhere.resolve("jwks.json"), "version one");
        Path watched = Files.createDirectory(dir.resolve("watched"));
        Path link = Files.createSymbolicLink(watched.resolve("jwks.json"), target);
        ReloadingFile<String> file = start(link, QUICK_POLL);

        Files.writeString(target, "version two");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(file.current()).isEqualTo("version two"));
        assertThat(reloads("applied")).isEqualTo(1);
    }

    @Test
    void aRecheckReadsTheFileAtOnceAndCompletesAfter() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path target = Files.writeString(elsewhere.resolve("jwks.json"), "version one");
        Path link = Files.createSymbolicLink(Files.createDirectory(dir.resolve("watched")).resolve("jwks.json"), target);
        ReloadingFile<String> file = start(link, WATCH_ONLY);
        Files.writeString(target, "version two");

        file.recheck().block(Duration.ofSeconds(10));

        assertThat(file.current()).isEqualTo("version two");
    }

    private ReloadingFile<String> start(Path location, ReloadProperties properties) {
        ReloadingFile<String> file =
                new ReloadingFile<>("credentials", new FileSystemResource(location), LOAD, properties, registry);
        file.start();
        started.add(file);
        return file;
    }

    private double reloads(String outcome) {
        return registry.get("tollgate.config.reloads").tag("file", "credentials").tag("outcome", outcome).counter()
                .count();
    }

    private List<String> servedChecksums() {
        return registry.find("tollgate.config.info").tag("file", "credentials").gauges().stream()
                .map(Meter::getId)
                .map(id -> id.getTag("checksum"))
                .toList();
    }

}
