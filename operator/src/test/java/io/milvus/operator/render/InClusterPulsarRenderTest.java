package io.milvus.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.render.InClusterPulsar.Part;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InClusterPulsarRenderTest {

  @Test
  void aClusterWithoutAQueueNamedGetsPulsarV3WithUpstreamsNamesAndThreeZooKeepersAndBookies() {
    RenderContext ctx = ctx("mode: cluster");
    List<HasMetadata> objects = MilvusRenderer.render(ctx).dependencies();

    assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).contains(
        "Service/c-pulsar-proxy", "StatefulSet/c-pulsar-zookeeper", "StatefulSet/c-pulsar-bookie",
        "StatefulSet/c-pulsar-recovery", "StatefulSet/c-pulsar-broker", "StatefulSet/c-pulsar-proxy",
        "Job/c-pulsar-bookie-init", "Job/c-pulsar-pulsar-init");
    assertThat(sts(objects, "c-pulsar-zookeeper").getSpec().getReplicas()).isEqualTo(3);
    assertThat(sts(objects, "c-pulsar-bookie").getSpec().getReplicas()).isEqualTo(3);
    assertThat(container(objects, "c-pulsar-broker").getImage()).isEqualTo("apachepulsar/pulsar:3.0.7");
    assertThat(env(container(objects, "c-pulsar-broker"))).containsEntry("metadataStoreUrl", "zk:c-pulsar-zookeeper.ns:2181");
    assertThat(env(container(objects, "c-pulsar-zookeeper")))
        .containsEntry("ZOOKEEPER_SERVERS", "c-pulsar-zookeeper-0,c-pulsar-zookeeper-1,c-pulsar-zookeeper-2");
    assertThat(MilvusConfig.render("c", "ns", ctx.spec())).containsEntry("pulsar",
        Map.of("address", "c-pulsar-proxy.ns", "port", 6650));
  }

  @Test
  void pulsarV2RunsA2xImageWithItsZooKeeperSettings() {
    List<HasMetadata> objects = render("""
        mode: cluster
        dependencies: {pulsar: {inCluster: {chartVersion: pulsar-v2}}}
        """);

    assertThat(container(objects, "c-pulsar-broker").getImage()).isEqualTo("apachepulsar/pulsar:2.9.5");
    assertThat(env(container(objects, "c-pulsar-broker")))
        .containsEntry("zookeeperServers", "c-pulsar-zookeeper.ns:2181").doesNotContainKey("metadataStoreUrl");
  }

  @Test
  void aStandaloneMilvusOnPulsarGetsOneOfEach() {
    List<HasMetadata> objects = render("dependencies: {msgStreamType: pulsar}");

    for (Part part : Part.values()) {
      assertThat(sts(objects, part.objectName("c")).getSpec().getReplicas()).as(part.name()).isEqualTo(1);
    }
    assertThat(env(container(objects, "c-pulsar-broker"))).containsEntry("managedLedgerDefaultEnsembleSize", "1");
  }

  @Test
  void valuesSetReplicasResourcesImagesPersistenceAndConfig() {
    List<HasMetadata> objects = render("""
        mode: cluster
        dependencies:
          pulsar:
            inCluster:
              values:
                components: {autorecovery: false}
                zookeeper:
                  replicaCount: 5
                  volumes: {data: {size: 5Gi, storageClassName: fast}}
                bookkeeper:
                  replicaCount: 4
                  volumes: {persistence: false}
                broker:
                  replicaCount: 1
                  resources: {requests: {cpu: 500m, memory: 1Gi}}
                  configData: {maxMessageSize: "5242880", brokerDeleteInactiveTopicsEnabled: "false"}
                images: {proxy: {repository: my.registry/pulsar, tag: 3.0.8, pullPolicy: Always}}
        """);

    assertThat(objects).extracting(o -> o.getMetadata().getName()).doesNotContain("c-pulsar-recovery");
    StatefulSet zookeeper = sts(objects, "c-pulsar-zookeeper");
    assertThat(zookeeper.getSpec().getReplicas()).isEqualTo(5);
    assertThat(zookeeper.getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(zookeeper.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage")
        .toString()).isEqualTo("5Gi");
    StatefulSet bookies = sts(objects, "c-pulsar-bookie");
    assertThat(bookies.getSpec().getReplicas()).isEqualTo(4);
    assertThat(bookies.getSpec().getVolumeClaimTemplates()).isEmpty();
    assertThat(bookies.getSpec().getTemplate().getSpec().getVolumes()).extracting(v -> v.getName() + ":" + (v.getEmptyDir() != null))
        .containsExactly("journal:true", "ledgers:true");
    Container broker = container(objects, "c-pulsar-broker");
    assertThat(sts(objects, "c-pulsar-broker").getSpec().getReplicas()).isEqualTo(1);
    assertThat(broker.getResources().getRequests().get("memory").toString()).isEqualTo("1Gi");
    assertThat(env(broker)).containsEntry("maxMessageSize", "5242880").containsEntry("brokerDeleteInactiveTopicsEnabled", "false")
        .containsEntry("managedLedgerDefaultEnsembleSize", "2");
    Container proxy = container(objects, "c-pulsar-proxy");
    assertThat(proxy.getImage()).isEqualTo("my.registry/pulsar:3.0.8");
    assertThat(proxy.getImagePullPolicy()).isEqualTo("Always");
  }

  @Test
  void eachPartStartsOnlyWhenWhatItNeedsIsReady() {
    RenderContext ctx = ctx("mode: cluster");
    List<HasMetadata> desired = MilvusRenderer.render(ctx).dependencies();

    assertThat(startable(ctx, desired, Set.of(), false, false)).contains("StatefulSet/c-pulsar-zookeeper",
        "Service/c-pulsar-broker").doesNotContain("Job/c-pulsar-bookie-init", "StatefulSet/c-pulsar-bookie");
    assertThat(startable(ctx, desired, EnumSet.of(Part.ZOOKEEPER), false, false))
        .contains("Job/c-pulsar-bookie-init", "Job/c-pulsar-pulsar-init").doesNotContain("StatefulSet/c-pulsar-bookie");
    assertThat(startable(ctx, desired, EnumSet.of(Part.ZOOKEEPER), true, false))
        .contains("StatefulSet/c-pulsar-bookie", "StatefulSet/c-pulsar-recovery")
        .doesNotContain("StatefulSet/c-pulsar-broker");
    assertThat(startable(ctx, desired, EnumSet.of(Part.ZOOKEEPER, Part.BOOKKEEPER), true, false))
        .as("brokers also wait for the cluster metadata").doesNotContain("StatefulSet/c-pulsar-broker");
    assertThat(startable(ctx, desired, EnumSet.of(Part.ZOOKEEPER, Part.BOOKKEEPER), true, true))
        .contains("StatefulSet/c-pulsar-broker").doesNotContain("StatefulSet/c-pulsar-proxy");
    assertThat(startable(ctx, desired, EnumSet.of(Part.ZOOKEEPER, Part.BOOKKEEPER, Part.BROKER), true, true))
        .contains("StatefulSet/c-pulsar-proxy");
  }

  @Test
  void whatExistsKeepsFollowingTheSpecWhateverTheProgress() {
    RenderContext ctx = ctx("mode: cluster");
    List<HasMetadata> desired = MilvusRenderer.render(ctx).dependencies();

    List<HasMetadata> startable = InClusterPulsar.startable(ctx, desired,
        o -> o.getMetadata().getName().equals("c-pulsar-proxy"), PulsarProgress.NOTHING);

    assertThat(startable).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .contains("StatefulSet/c-pulsar-proxy");
  }

  @Test
  void initialisationJobsAreSafeToRunAgain() {
    List<HasMetadata> objects = render("mode: cluster");
    for (String job : List.of("c-pulsar-bookie-init", "c-pulsar-pulsar-init")) {
      Job found = (Job) objects.stream().filter(o -> o.getMetadata().getName().equals(job)).findFirst().orElseThrow();
      assertThat(found.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand().get(2))
          .as(job + " checks whether its work is done").startsWith(job.endsWith("bookie-init")
              ? "bin/apply-config-from-env.py conf/bookkeeper.conf && if " : "if ");
    }
  }

  private static List<String> startable(RenderContext ctx, List<HasMetadata> desired, Set<Part> ready,
      boolean bookieInitDone, boolean metadataInitDone) {
    return InClusterPulsar.startable(ctx, desired, o -> false,
            new PulsarProgress(ready, bookieInitDone, metadataInitDone)).stream()
        .map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }

  private static RenderContext ctx(String spec) {
    var milvus = TestMilvus.withSpec("c", spec);
    milvus.getMetadata().setNamespace("ns");
    return TestMilvus.context(milvus);
  }

  private static List<HasMetadata> render(String spec) {
    return MilvusRenderer.render(ctx(spec)).dependencies();
  }

  static StatefulSet sts(List<HasMetadata> objects, String name) {
    return objects.stream().filter(o -> o instanceof StatefulSet && o.getMetadata().getName().equals(name))
        .map(StatefulSet.class::cast).findFirst().orElseThrow(() -> new AssertionError("no StatefulSet " + name));
  }

  private static Container container(List<HasMetadata> objects, String name) {
    return sts(objects, name).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Map<String, String> env(Container container) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    container.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
    return env;
  }
}
