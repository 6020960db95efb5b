package io.tollgate.helm;

import static io.tollgate.helm.TollgateChart.FULLNAME;
import static io.tollgate.helm.TollgateChart.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tollgate.reload.ReloadProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The pods reload {@code jwks.json} and {@code credentials.yml} themselves (DESIGN.md, "Day-2
 * operations"), so the chart must let a changed Secret reach them: mounted without {@code
 * subPath} (the kubelet never updates a {@code subPath} mount) and no checksum of the Secret in
 * the pod template (which would roll every pod on each change, the restart the reload avoids).
 * The pods log as JSON by default; a local run keeps the text format.
 */
class ChartReloadTest {

    private static final String ROTATED_JWKS = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"rotated\",\"k\":\"b3RoZXI\"}]}";
    private static final String EDITED_CREDENTIALS = "tollgate:\n  credentials:\n    brands: [{id: added}]\n";

    /** Each base with the pod that holds the keys and credentials. */
    private static final Map<String, Map<String, Object>> SIGNERS = Map.of(
            ISSUER, Values.splitWithEverything(),
            FULLNAME, Values.embeddedOnRedis());

    @Test
    void aChangeOfTheKeysOrCredentialsRollsNoPod() {
        for (Map<String, Object> base : SIGNERS.values()) {
            Manifests before = TollgateChart.render(base);
            Manifests after = TollgateChart.render(Values.with(base,
                    "secrets.jwks", ROTATED_JWKS, "secrets.credentials", EDITED_CREDENTIALS));
            assertThat(after.all(Deployment.class)).hasSameSizeAs(before.all(Deployment.class));
            for (Deployment deployment : before.all(Deployment.class)) {
                String name = deployment.getMetadata().getName();
                assertThat(after.deployment(name).getSpec().getTemplate())
                        .as("pod template of %s", name)
                        .isEqualTo(deployment.getSpec().getTemplate());
                assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                        .as("annotations of %s", name)
                        .doesNotContainKey("checksum/secrets")
                        .containsKey("checksum/config");
            }
        }
    }

    @Test
    void theReloadableFilesAreMountedAsWholeSecretVolumesWithoutSubPath() {
        SIGNERS.forEach((signer, base) -> {
            PodSpec pod = TollgateChart.render(base).deployment(signer).getSpec().getTemplate().getSpec();
            List<String> secretVolumes = pod.getVolumes().stream()
                    .filter(volume -> volume.getSecret() != null)
                    .map(Volume::getName)
                    .toList();
            assertThat(secretVolumes).as("Secret volumes of %s", signer).containsExactlyInAnyOrder("keys", "credentials");
            List<VolumeMount> mounts = pod.getContainers().get(0).getVolumeMounts().stream()
                    .filter(mount -> secretVolumes.contains(mount.getName()))
                    .toList();
            assertThat(mounts).as("mounts of the Secret volumes of %s", signer).hasSize(2).allSatisfy(mount -> {
                assertThat(mount.getSubPath()).as("subPath of the %s mount", mount.getName()).isNull();
                assertThat(mount.getSubPathExpr()).as("subPathExpr of the %s mount", mount.getName()).isNull();
            });
        });
    }

    @Test
    void podsLogJsonByDefaultAndTheFormatIsAValue() {
        Manifests defaults = TollgateChart.render(Map.of());
        assertThat(HelmChartTest.at(defaults.applicationYml(FULLNAME), "logging.structured.format.console"))
                .isEqualTo("ecs");
        Manifests split = TollgateChart.render(Values.with(Values.splitWithEverything(), "logging.format", "logstash"));
        for (String configMap : List.of(FULLNAME, ISSUER)) {
            assertThat(HelmChartTest.at(split.applicationYml(configMap), "logging.structured.format.console"))
                    .isEqualTo("logstash");
        }
        Manifests plain = TollgateChart.render(Values.of("logging.format", "plain"));
        assertThat(HelmChartTest.at(plain.applicationYml(FULLNAME), "logging")).isNull();
    }

    @Test
    void theLocalRunKeepsTheTextFormat() throws IOException {
        Map<String, Object> local = new Yaml().load(Files.readString(Path.of("config/application.yml")));
        assertThat(HelmChartTest.at(local, "logging.structured")).isNull();
    }

    @Test
    void thePollIntervalOfTheReloadIsRenderedAndBinds() throws IOException {
        String applicationYml = TollgateChart.render(Map.of()).get(ConfigMap.class, FULLNAME).getData().get("application.yml");
        ReloadProperties reload = HelmChartTest.binderOf(applicationYml)
                .bind("tollgate.reload", ReloadProperties.class).get();

        assertThat(reload.pollInterval()).isEqualTo(Duration.ofSeconds(10));
    }
}
