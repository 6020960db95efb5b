package io.tollgate.helm;

import static io.tollgate.helm.TollgateChart.FULLNAME;
import static io.tollgate.helm.TollgateChart.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.tollgate.issuer.oauth.PagesProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator's theme of the sign-in pages (docs/THEMING.md) reaches the pods that render them
 * from a ConfigMap: its templates under {@code tollgate.pages.templates-dir}/oauth and its
 * stylesheet under {@code tollgate.pages.static-dir}, a change rolling those pods (the files are
 * read at start); without a theme there is no ConfigMap, no mount and no setting.
 */
class ChartPagesTest {

    private static final String FOOTER = "<footer th:fragment=\"footer\">Acme</footer>";
    private static final String CSS = ":root { --accent: #8a3b12; }";
    private static final String PAGES = FULLNAME + "-pages";

    @Test
    void aThemeIsMountedFromAConfigMapWhereThePagesSettingsPointOnThePodsThatSignPeopleIn() throws IOException {
        Map<String, Map<String, Object>> signers = Map.of(
                ISSUER, Values.splitWithEverything(), FULLNAME, Values.embeddedOnRedis());
        for (Map.Entry<String, Map<String, Object>> each : signers.entrySet()) {
            String signer = each.getKey();
            Map<String, Object> base = each.getValue();
            Manifests manifests = TollgateChart.render(Values.with(base,
                    "pages.templates", Map.of("footer.html", FOOTER), "pages.stylesheet", CSS));
            assertThat(manifests.get(ConfigMap.class, PAGES).getData())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("footer.html", FOOTER, "tollgate.css", CSS));

            PodSpec pod = manifests.deployment(signer).getSpec().getTemplate().getSpec();
            Volume volume = pod.getVolumes().stream().filter(v -> "pages".equals(v.getName())).findFirst().orElseThrow();
            assertThat(volume.getConfigMap().getName()).isEqualTo(PAGES);
            assertThat(volume.getConfigMap().getItems()).extracting(KeyToPath::getKey, KeyToPath::getPath)
                    .containsExactlyInAnyOrder(tuple("footer.html", "templates/footer.html"),
                            tuple("tollgate.css", "static/tollgate.css"));
            List<VolumeMount> mounts = pod.getContainers().get(0).getVolumeMounts().stream()
                    .filter(mount -> "pages".equals(mount.getName())).toList();
            assertThat(mounts).extracting(VolumeMount::getMountPath, VolumeMount::getSubPath)
                    .containsExactlyInAnyOrder(
                            tuple("/etc/tollgate/pages/templates/oauth", "templates"),
                            tuple("/etc/tollgate/pages/static", "static"));

            PagesProperties pages = HelmChartTest.binderOf(manifests.get(ConfigMap.class, signer).getData()
                    .get("application.yml")).bind("tollgate.pages", PagesProperties.class).get();
            assertThat(pages.templatesDir()).isEqualTo(Path.of("/etc/tollgate/pages/templates"));
            assertThat(pages.staticDir()).isEqualTo(Path.of("/etc/tollgate/pages/static"));
        }
    }

    @Test
    void aChangedThemeRollsThePodsThatRenderIt() {
        Map<String, Object> base = Values.splitWithEverything();
        String before = TollgateChart.render(Values.with(base, "pages.stylesheet", CSS)).deployment(ISSUER)
                .getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/pages");
        String after = TollgateChart.render(Values.with(base, "pages.stylesheet", CSS + " body { margin: 0; }"))
                .deployment(ISSUER).getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/pages");
        assertThat(before).isNotBlank();
        assertThat(after).isNotBlank().isNotEqualTo(before);
    }

    @Test
    void withoutAThemeThereIsNoConfigMapMountOrSetting() {
        Manifests manifests = TollgateChart.render(Values.embeddedOnRedis());
        assertThat(manifests.all(ConfigMap.class)).extracting(c -> c.getMetadata().getName()).doesNotContain(PAGES);
        assertThat(manifests.deployment(FULLNAME).getSpec().getTemplate().getSpec().getVolumes())
                .extracting(Volume::getName).doesNotContain("pages");
        assertThat(HelmChartTest.at(manifests.applicationYml(FULLNAME), "tollgate.pages")).isNull();
    }
}
