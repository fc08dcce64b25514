package io.milvus.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.MilvusDefaults;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.api.v1beta1.Milvus;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pod settings of upstream's samples mean here what they mean to the Go operator. */
class UpstreamPodSettingsTest {

  @Test
  @DisplayName("run_as_non_root.yaml: the user's `data` volume and ours are two volumes, Milvus runs as uid 1000")
  void runAsNonRootSample() {
    PodSpec pod = pod("""
        components:
          runAsNonRoot: true
          volumes: [{emptyDir: {}, name: data}]
          volumeMounts: [{mountPath: /milvus/data, name: data}]
        config:
          localStorage: {path: /milvus/data}
        """, MilvusComponent.STANDALONE);

    assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("data", "milvus-config", "milvus-data")
        .doesNotHaveDuplicates();
    assertThat(mounts(pod)).containsEntry("/milvus/data", "data").containsEntry("/var/lib/milvus", "milvus-data");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
  }

  @Test
  @DisplayName("milvus_volume_mount_removal.yaml: `_remove` drops the mount at its path, the next mount takes its place")
  void removalSample() {
    PodSpec pod = pod("""
        components:
          volumeMounts: [{name: data, mountPath: /old-path}]
          standalone:
            volumeMounts:
            - {name: _remove, mountPath: /old-path}
            - {name: data, mountPath: /new-path}
        """, MilvusComponent.STANDALONE);

    assertThat(mounts(pod)).doesNotContainKey("/old-path").containsEntry("/new-path", "data")
        .doesNotContainValue("_remove");
  }

  @Test
  @DisplayName("`_remove` can drop the built-in queue's mount but never the config Milvus needs")
  void removingDefaultMounts() {
    PodSpec pod = pod("""
        components:
          volumeMounts:
          - {name: _remove, mountPath: /var/lib/milvus}
          - {name: _remove, mountPath: /milvus/configs/operator}
        """, MilvusComponent.STANDALONE);

    assertThat(mounts(pod)).containsOnlyKeys("/milvus/configs/operator");
  }

  @Test
  @DisplayName("a component's pod labels, annotations and mounts add to the global ones, its own winning")
  void componentSettingsMergeWithGlobalOnes() {
    String spec = """
        mode: cluster
        components:
          podLabels: {team: search, tier: gold}
          podAnnotations: {owner: search}
          volumeMounts: [{name: shared, mountPath: /shared}, {name: a, mountPath: /x}]
          proxy:
            podLabels: {tier: platinum}
            podAnnotations: {extra: "1"}
            volumeMounts: [{name: b, mountPath: /x}]
        """;
    Deployment proxy = deployment(spec, MilvusComponent.PROXY);

    assertThat(proxy.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("team", "search").containsEntry("tier", "platinum");
    assertThat(proxy.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("owner", "search").containsEntry("extra", "1");
    assertThat(mounts(proxy.getSpec().getTemplate().getSpec())).containsEntry("/shared", "shared").containsEntry("/x", "b");
  }

  @Test
  @DisplayName("serviceRestfulPort is a container port named restful, which the Service targets")
  void restfulPort() {
    String spec = "components: {standalone: {serviceRestfulPort: 8080}}";
    Container milvus = container(pod(spec, MilvusComponent.STANDALONE));

    assertThat(milvus.getPorts()).anySatisfy(p -> {
      assertThat(p.getName()).isEqualTo("restful");
      assertThat(p.getContainerPort()).isEqualTo(8080);
    });
    assertThat(MilvusService.render(context(spec)).getSpec().getPorts())
        .filteredOn(p -> "restful".equals(p.getName()))
        .singleElement().satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("restful"));
  }

  @Test
  @DisplayName("CACHE_SIZE is the memory limit in GiB unless the user sets it")
  void cacheSize() {
    EnvVar cacheSize = env(container(pod("components: {}", MilvusComponent.STANDALONE)), "CACHE_SIZE");
    assertThat(cacheSize.getValueFrom().getResourceFieldRef().getResource()).isEqualTo("limits.memory");
    assertThat(cacheSize.getValueFrom().getResourceFieldRef().getDivisor().toString()).isEqualTo("1Gi");

    Container mine = container(pod("components: {env: [{name: CACHE_SIZE, value: '4'}]}", MilvusComponent.STANDALONE));
    assertThat(env(mine, "CACHE_SIZE").getValue()).isEqualTo("4");
  }

  @Test
  @DisplayName("commands run after the config link, as upstream's run.sh <commands>; runWithSubProcess is passed on")
  void commands() {
    Container milvus = container(pod("""
        components:
          commands: [milvus, run, standalone]
          runWithSubProcess: true
        """, MilvusComponent.STANDALONE));

    assertThat(milvus.getArgs()).startsWith("/bin/sh", "-c").endsWith("milvus", "run", "standalone",
        "--run-with-subprocess");
    assertThat(milvus.getArgs().get(2)).contains("ln -sf").endsWith("exec \"$@\"");
  }

  @Test
  @DisplayName("kafka.secretRef: SASL credentials as env, the CA mounted alone and named in user.yaml when given")
  void kafkaSecret() {
    String spec = """
        mode: cluster
        dependencies:
          msgStreamType: kafka
          kafka: {external: true, brokerList: ["kafka:9093"], secretRef: kafka-client}
        """;
    Container proxy = container(pod(spec, MilvusComponent.PROXY));
    assertThat(env(proxy, "KAFKA_SASLUSERNAME").getValueFrom().getSecretKeyRef().getName()).isEqualTo("kafka-client");
    assertThat(env(proxy, "KAFKA_SASLPASSWORD").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    assertThat(mounts(pod(spec, MilvusComponent.PROXY))).containsEntry("/milvus/configs/kafka-ca", "kafka-ca");
    assertThat(MilvusRenderer.render(context(spec)).configMap().getData().get("user.yaml")).doesNotContain("tlsCaCert");

    RenderContext withCa = context(spec, new ClusterFacts(true, false));
    assertThat(MilvusRenderer.render(withCa).configMap().getData().get("user.yaml"))
        .contains("tlsCaCert: \"/milvus/configs/kafka-ca/ca.pem\"");
  }

  private static RenderContext context(String specYaml) {
    return context(specYaml, ClusterFacts.NONE);
  }

  private static RenderContext context(String specYaml, ClusterFacts facts) {
    Milvus milvus = TestMilvus.withSpec("m", specYaml);
    return RenderContext.of(milvus, MilvusDefaults.apply(milvus.getSpec(), OperatorDefaults.standard()), facts);
  }

  private static Deployment deployment(String specYaml, MilvusComponent component) {
    return MilvusRenderer.render(context(specYaml)).deployments().get(component);
  }

  private static PodSpec pod(String specYaml, MilvusComponent component) {
    return deployment(specYaml, component).getSpec().getTemplate().getSpec();
  }

  private static Container container(PodSpec pod) {
    return pod.getContainers().get(0);
  }

  private static EnvVar env(Container container, String name) {
    return container.getEnv().stream().filter(e -> name.equals(e.getName())).findFirst().orElseThrow();
  }

  private static Map<String, String> mounts(PodSpec pod) {
    return container(pod).getVolumeMounts().stream()
        .collect(java.util.stream.Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getName));
  }
}
