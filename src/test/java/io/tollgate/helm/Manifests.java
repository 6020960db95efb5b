package io.tollgate.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests of one {@code helm template} run, parsed into fabric8's Kubernetes model; custom
 * resources (the ServiceMonitor) come out as {@link GenericKubernetesResource}.
 */
record Manifests(List<HasMetadata> resources) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Manifests parse(String yaml) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        if (parsed instanceof List<?> list) {
            return new Manifests(list.stream().map(HasMetadata.class::cast).toList());
        }
        return new Manifests(List.of((HasMetadata) parsed));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        List<T> named = all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).toList();
        assertThat(named).as("%s %s", type.getSimpleName(), name).hasSize(1);
        return named.get(0);
    }

    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    Deployment deployment(String name) {
        return get(Deployment.class, name);
    }

    /** The application.yml a ConfigMap carries, parsed. */
    Map<String, Object> applicationYml(String configMap) {
        String text = get(ConfigMap.class, configMap).getData().get("application.yml");
        assertThat(text).as("application.yml of ConfigMap %s", configMap).isNotNull();
        return new Yaml().load(text);
    }
}
