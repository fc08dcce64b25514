package io.milvus.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.TestMilvus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MilvusRendererTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @Test
  void theSeedResourceGetsEveryObjectUnderUpstreamsNames() {
    DesiredState desired = MilvusRenderer.render(TestMilvus.context(TestMilvus.parse(TestMilvus.SEED)));

    assertThat(desired.configMap().getMetadata().getName()).isEqualTo("my-release");
    assertThat(desired.configMap().getData()).containsKey("user.yaml");
    assertThat(desired.service().getMetadata().getName()).isEqualTo("my-release-milvus");
    assertThat(desired.deployments()).containsOnlyKeys(MilvusComponent.STANDALONE);
    assertThat(desired.deployments().get(MilvusComponent.STANDALONE).getMetadata().getName())
        .isEqualTo("my-release-milvus-standalone");
    assertThat(desired.dependencies()).extracting(HasMetadata::getKind, o -> o.getMetadata().getName())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("Service", "my-release-etcd-headless"),
            org.assertj.core.groups.Tuple.tuple("Service", "my-release-etcd"),
            org.assertj.core.groups.Tuple.tuple("StatefulSet", "my-release-etcd"),
            org.assertj.core.groups.Tuple.tuple("Service", "my-release-minio"),
            org.assertj.core.groups.Tuple.tuple("StatefulSet", "my-release-minio"));
    assertThat(desired.dataPvc()).hasValueSatisfying(pvc -> {
      assertThat(pvc.getMetadata().getName()).isEqualTo("my-release-data");
      assertThat(pvc.getMetadata().getOwnerReferences()).as("data outlives the Milvus").isNullOrEmpty();
    });
  }

  @Test
  void everyObjectCarriesUpstreamsLabels() {
    DesiredState desired = MilvusRenderer.render(TestMilvus.context(TestMilvus.parse(TestMilvus.SEED)));
    Deployment standalone = desired.deployments().get(MilvusComponent.STANDALONE);
    assertThat(standalone.getMetadata().getLabels()).containsAllEntriesOf(Map.of(
        "app.kubernetes.io/name", "milvus",
        "app.kubernetes.io/instance", "my-release",
        "app.kubernetes.io/component", "standalone",
        "app.kubernetes.io/managed-by", "milvus-operator"));
    assertThat(standalone.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/instance", "my-release").containsEntry("milvus.io/service", "true");
    assertThat(desired.service().getSpec().getSelector()).containsEntry("milvus.io/service", "true");
  }

  @Test
  void theStandaloneRunsTheImageWithProbesOnTheMetricsPort() {
    Deployment d = MilvusRenderer.render(TestMilvus.context(TestMilvus.parse(TestMilvus.SEED)))
        .deployments().get(MilvusComponent.STANDALONE);
    Container milvus = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(milvus.getImage()).isEqualTo("milvusdb/milvus:v2.4.23");
    assertThat(String.join(" ", milvus.getArgs())).endsWith("exec milvus run standalone");
    assertThat(milvus.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(milvus.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(9091);
    assertThat(milvus.getLivenessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(9091);
    assertThat(milvus.getStartupProbe().getFailureThreshold()).isEqualTo(18);
    assertThat(d.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getPersistentVolumeClaim() != null)
        .singleElement().satisfies(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("my-release-data"));
  }

  @Test
  void standaloneOnItsBuiltInQueueIsRecreatedNotRolled() {
    Deployment d = MilvusRenderer.render(TestMilvus.context(TestMilvus.parse(TestMilvus.SEED)))
        .deployments().get(MilvusComponent.STANDALONE);
    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
  }

  @Test
  void storageKeysComeFromTheSecretNeverFromTheConfigMap() {
    DesiredState desired = MilvusRenderer.render(TestMilvus.context(TestMilvus.parse(TestMilvus.SEED)));
    Container milvus = desired.deployments().get(MilvusComponent.STANDALONE).getSpec().getTemplate().getSpec()
        .getContainers().get(0);
    assertThat(milvus.getEnv()).extracting(EnvVar::getName)
        .contains("MINIO_ACCESS_KEY", "MINIO_ACCESS_KEY_ID", "MINIO_SECRET_KEY", "MINIO_SECRET_ACCESS_KEY");
    assertThat(milvus.getEnv()).allSatisfy(e -> {
      if (e.getName().startsWith("MINIO_")) {
        assertThat(e.getValue()).isNull();
        assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("my-release-minio");
      }
    });
    assertThat(desired.configMap().getData().get("user.yaml")).doesNotContain("accessKeyID", "secretAccessKey");
  }

  @Test
  void renderingIsStable() {
    var ctx = TestMilvus.context(TestMilvus.parse(TestMilvus.SEED));
    DesiredState first = MilvusRenderer.render(ctx);
    DesiredState second = MilvusRenderer.render(ctx);
    assertThat(JSON.asJson(second.deployments())).isEqualTo(JSON.asJson(first.deployments()));
    assertThat(JSON.asJson(second.configMap())).isEqualTo(JSON.asJson(first.configMap()));
    assertThat(JSON.asJson(second.dependencies())).isEqualTo(JSON.asJson(first.dependencies()));
  }

  @Test
  void aConfigChangeRollsPodsOnlyWhenUpdateConfigMapOnlyIsFalse() {
    var byDefault = MilvusRenderer.render(TestMilvus.context(TestMilvus.withSpec("m", """
        config:
          common: {retentionDuration: 1}
        """)));
    var restarting = MilvusRenderer.render(TestMilvus.context(TestMilvus.withSpec("m", """
        components: {updateConfigMapOnly: false}
        config:
          common: {retentionDuration: 1}
        """)));
    assertThat(byDefault.deployments().get(MilvusComponent.STANDALONE).getSpec().getTemplate().getMetadata()
        .getAnnotations()).isNull();
    assertThat(restarting.deployments().get(MilvusComponent.STANDALONE).getSpec().getTemplate().getMetadata()
        .getAnnotations()).containsEntry("checksum/config", restarting.configChecksum());
  }

  @Test
  void aWoodpeckerClusterGetsNoDataPvcNothingWouldMount() {
    var ctx = TestMilvus.context(TestMilvus.withSpec("wp", """
        mode: cluster
        components: {image: milvusdb/milvus:v2.6.11}
        dependencies: {msgStreamType: woodpecker}
        """));

    assertThat(MilvusRenderer.render(ctx).dataPvc()).isEmpty();
  }

  @Test
  void externalDependenciesGetNoInClusterObjects() {
    var desired = MilvusRenderer.render(TestMilvus.context(TestMilvus.withSpec("m", """
        dependencies:
          etcd: {external: true, endpoints: ["etcd.example:2379"]}
          storage: {external: true, type: S3, endpoint: "s3.amazonaws.com:443", secretRef: my-s3}
        """)));
    assertThat(desired.dependencies()).isEmpty();
    Container milvus = desired.deployments().get(MilvusComponent.STANDALONE).getSpec().getTemplate().getSpec()
        .getContainers().get(0);
    assertThat(milvus.getEnv()).filteredOn(e -> e.getName().equals("MINIO_ACCESS_KEY_ID"))
        .singleElement().satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("my-s3"));
  }

  @Test
  void perComponentSettingsOverrideGlobalOnes() {
    var desired = MilvusRenderer.render(TestMilvus.context(TestMilvus.withSpec("m", """
        components:
          nodeSelector: {disk: ssd}
          env: [{name: A, value: global}, {name: B, value: global}]
          standalone:
            replicas: 1
            nodeSelector: {disk: nvme}
            env: [{name: B, value: own}]
        """)));
    var pod = desired.deployments().get(MilvusComponent.STANDALONE).getSpec().getTemplate().getSpec();
    assertThat(pod.getNodeSelector()).containsExactly(Map.entry("disk", "nvme"));
    assertThat(pod.getContainers().get(0).getEnv()).filteredOn(e -> e.getValue() != null)
        .extracting(EnvVar::getName, EnvVar::getValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A", "global"), org.assertj.core.groups.Tuple.tuple("B", "own"));
  }
}
