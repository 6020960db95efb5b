package io.tollgate.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart under {@code helm/tollgate}, linted and rendered in process by helm-java, which
 * bundles helm itself: nothing to install on the build machine.
 */
final class TollgateChart {

    static final Path DIR = Path.of("helm/tollgate");
    static final String RELEASE = "rel";
    static final String FULLNAME = "rel-tollgate";
    static final String ISSUER = "rel-tollgate-issuer";
    /** helm-java renders for Kubernetes 1.20 unless told; the chart requires 1.25 or newer. */
    private static final String KUBE_VERSION = "1.30.0";

    private TollgateChart() {}

    static LintResult lintStrict() {
        return new Helm(DIR).lint().strict().call();
    }

    /** {@code helm template} with {@code values} over the chart's defaults. */
    static String template(Map<String, Object> values) {
        Path file = write(values);
        try {
            return new Helm(DIR).template()
                    .withName(RELEASE)
                    .withKubeVersion(KUBE_VERSION)
                    .withValuesFile(file)
                    .call();
        } finally {
            delete(file);
        }
    }

    static Manifests render(Map<String, Object> values) {
        return Manifests.parse(template(values));
    }

    /** The chart's values.yaml. */
    static Map<String, Object> defaultValues() {
        try {
            return new Yaml().load(Files.readString(DIR.resolve("values.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Map<String, Object> values) {
        try {
            Path file = Files.createTempFile("tollgate-values", ".yaml");
            Files.writeString(file, new Yaml().dump(values));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
