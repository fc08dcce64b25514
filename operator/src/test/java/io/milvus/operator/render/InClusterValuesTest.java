package io.milvus.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.TestMilvus;
import org.junit.jupiter.api.Test;

class InClusterValuesTest {

  @Test
  void everyValueNotActedOnIsListedWithItsFullPath() {
    RenderContext ctx = ctx("""
        mode: cluster
        dependencies:
          etcd:
            inCluster:
              values:
                image: {repository: milvusdb/etcd, tag: 3.5.25-r1}
                auth: {rbac: {create: false}}
                extraEnvVars: [{name: A, value: b}]
          storage:
            inCluster:
              values: {resources: {requests: {memory: 2Gi}}, podAnnotations: {a: b}}
          pulsar:
            inCluster:
              values:
                components: {autorecovery: false, pulsar_manager: false, functions: true}
                monitoring: {prometheus: false, grafana: false}
                broker: {replicaCount: 1, configData: {maxMessageSize: "5242880"}, podMonitor: {enabled: true}}
                proxy: {resources: {requests: {cpu: "0.01"}}, nodeSelector: {disk: ssd}}
                images: {broker: {tag: 3.0.8}}
                pulsar_manager: {admin: {user: pulsar}}
        """);

    assertThat(InClusterValues.ignored(ctx)).containsExactly(
        "spec.dependencies.etcd.inCluster.values.auth.rbac.create",
        "spec.dependencies.etcd.inCluster.values.extraEnvVars",
        "spec.dependencies.pulsar.inCluster.values.broker.podMonitor.enabled",
        "spec.dependencies.pulsar.inCluster.values.components.functions",
        "spec.dependencies.pulsar.inCluster.values.proxy.nodeSelector.disk",
        "spec.dependencies.pulsar.inCluster.values.pulsar_manager.admin.user",
        "spec.dependencies.storage.inCluster.values.podAnnotations.a");
  }

  @Test
  void valuesThatCannotBeBuiltAreRefusedWithTheirPaths() {
    RenderContext ctx = ctx("""
        mode: cluster
        dependencies:
          pulsar:
            inCluster:
              values:
                components: {zookeeper: false}
                bookkeeper: {replicaCount: 0}
                auth: {authentication: {enabled: true, provider: tls}}
        """);

    assertThat(InClusterValues.refusals(ctx)).containsExactly(
        "spec.dependencies.pulsar.inCluster.values.bookkeeper.replicaCount: must be a whole number of at least 1, not 0",
        "spec.dependencies.pulsar.inCluster.values.components.zookeeper: an in-cluster Pulsar cannot run without its"
            + " zookeeper; use an external Pulsar (pulsar.external: true) for another layout",
        "spec.dependencies.pulsar.inCluster.values.auth.authentication.provider: only jwt authentication can be set up,"
            + " not tls");
  }

  @Test
  void upstreamsMinimumClusterSampleIsBuildable() {
    RenderContext ctx = ctx("""
        mode: cluster
        dependencies:
          etcd: {inCluster: {values: {replicaCount: 1}}}
          pulsar:
            inCluster:
              values:
                components: {autorecovery: false, functions: false, toolset: false, pulsar_manager: false}
                monitoring: {prometheus: false, grafana: false, node_exporter: false, alert_manager: false}
                proxy: {replicaCount: 1, resources: {requests: {cpu: 0.01, memory: 256Mi}}}
                bookkeeper: {replicaCount: 1}
                zookeeper: {replicaCount: 1}
                broker: {replicaCount: 1, configData: {autoSkipNonRecoverableData: "true"}}
        """);

    assertThat(InClusterValues.refusals(ctx)).isEmpty();
  }

  private static RenderContext ctx(String spec) {
    return TestMilvus.context(TestMilvus.withSpec("c", spec));
  }

  @Test
  void minioPoolCountsActOnlyOnADistributedMinioAsInTheChart() {
    String values = "{mode: %s, replicas: 4, drivesPerNode: 2, zones: 1, existingSecret: keys}";

    assertThat(InClusterValues.ignored(ctx("dependencies: {storage: {inCluster: {values: "
        + values.formatted("distributed") + "}}}"))).containsExactly(
        "spec.dependencies.storage.inCluster.values.existingSecret");
    assertThat(InClusterValues.ignored(ctx("dependencies: {storage: {inCluster: {values: "
        + values.formatted("standalone") + "}}}"))).containsExactly(
        "spec.dependencies.storage.inCluster.values.drivesPerNode",
        "spec.dependencies.storage.inCluster.values.existingSecret",
        "spec.dependencies.storage.inCluster.values.replicas",
        "spec.dependencies.storage.inCluster.values.zones");
  }

  @Test
  void aMinioLayoutThatCannotRunIsRefused() {
    assertThat(InClusterValues.refusals(ctx("dependencies: {storage: {inCluster: {values: {mode: gateway}}}}")))
        .containsExactly("spec.dependencies.storage.inCluster.values.mode: MinIO runs standalone or distributed, not"
            + " gateway");
    assertThat(InClusterValues.refusals(ctx(
        "dependencies: {storage: {inCluster: {values: {mode: distributed, replicas: 1, drivesPerNode: 0}}}}")))
        .containsExactly(
            "spec.dependencies.storage.inCluster.values.drivesPerNode: must be a whole number of at least 1, not 0",
            "spec.dependencies.storage.inCluster.values.replicas: a distributed MinIO needs at least 2 servers per pool"
                + " (mode standalone runs one)");
  }
}
