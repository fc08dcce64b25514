package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.kubesim.PodBehaviour;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user deploys a Milvus standalone with the seed's resource, and lives with it. */
class StandaloneMilvusTest {

  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start();

  @Test
  void theSeedResourceBecomesHealthyWithEveryObject() {
    cluster.create(TestMilvus.SEED);

    Milvus milvus = cluster.awaitStatus("my-release", "Healthy");

    assertThat(milvus.getStatus().getConditions()).extracting(MilvusCondition::getType, MilvusCondition::getStatus)
        .contains(
            org.assertj.core.groups.Tuple.tuple("EtcdReady", "True"),
            org.assertj.core.groups.Tuple.tuple("StorageReady", "True"),
            org.assertj.core.groups.Tuple.tuple("MsgStreamReady", "True"),
            org.assertj.core.groups.Tuple.tuple("MilvusReady", "True"),
            org.assertj.core.groups.Tuple.tuple("MilvusUpdated", "True"));
    assertThat(milvus.getStatus().getEndpoint()).isEqualTo("my-release-milvus.default:19530");
    assertThat(milvus.getStatus().getCurrentImage()).isEqualTo("milvusdb/milvus:v2.4.23");
    assertThat(milvus.getStatus().getCurrentVersion()).isEqualTo("v2.4.23");
    assertThat(milvus.getStatus().getObservedGeneration()).isEqualTo(milvus.getMetadata().getGeneration());
    assertThat(milvus.getStatus().getComponentsDeployStatus()).containsKey("standalone");
    assertThat(milvus.getMetadata().getFinalizers()).contains("milvus.milvus.io/finalizer");
    assertThat(milvus.getSpec().getMode()).as("defaults stay in memory, the user's spec is untouched").isNull();

    var ns = cluster.ns();
    assertThat(ns.configMaps().withName("my-release").get().getData()).containsKey("user.yaml");
    assertThat(ns.services().withName("my-release-milvus").get().getSpec().getPorts())
        .extracting(p -> p.getPort()).contains(19530, 9091);
    assertThat(ns.apps().deployments().withName("my-release-milvus-standalone").get()).isNotNull();
    assertThat(ns.apps().statefulSets().withName("my-release-etcd").get()).isNotNull();
    assertThat(ns.apps().statefulSets().withName("my-release-minio").get()).isNotNull();
    assertThat(ns.secrets().withName("my-release-minio").get().getData()).containsKeys("accesskey", "secretkey");
    assertThat(ns.persistentVolumeClaims().withName("my-release-data").get()).isNotNull();
    assertThat(cluster.eventsAbout("my-release")).extracting(e -> e.getReason()).contains("Created", "Healthy");
    // one Created Event per reconcile that created something, naming every object it made
    var created = cluster.eventsAbout("my-release").stream().filter(e -> "Created".equals(e.getReason())).toList();
    assertThat(created).hasSizeLessThanOrEqualTo(3);
    assertThat(created.stream().map(e -> e.getMessage()).collect(Collectors.joining(", ")))
        .contains("Secret my-release-minio", "StatefulSet my-release-etcd", "StatefulSet my-release-minio",
            "ConfigMap my-release", "PersistentVolumeClaim my-release-data", "Service my-release-milvus",
            "Deployment my-release-milvus-standalone");
  }

  @Test
  void anImageThatNeverGetsReadyIsReportedWithTheComponentAndPod() {
    cluster.sim.scripts().forImage("milvusdb/milvus:v2.4.23-never", PodBehaviour.neverReady());
    cluster.create(TestMilvus.SEED.replace("my-release", "never-ready").replace("v2.4.23", "v2.4.23-never"));

    await().atMost(OperatorHarness.PATIENCE).ignoreExceptions().untilAsserted(() -> {
      MilvusCondition ready = cluster.condition("never-ready", "MilvusReady").orElseThrow();
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("MilvusComponentNotHealthy");
      assertThat(ready.getMessage()).contains("standalone", "pod never-ready-milvus-standalone-");
    });
    assertThat(cluster.get("never-ready").getStatus().getStatus()).isEqualTo("Pending");
  }

  @Test
  void aCrashLoopIsExplained() {
    cluster.sim.scripts().forImage("milvusdb/milvus:v2.4.23-crash", PodBehaviour.crashLoop());
    cluster.create(TestMilvus.SEED.replace("my-release", "crashing").replace("v2.4.23", "v2.4.23-crash"));

    await().atMost(OperatorHarness.PATIENCE).ignoreExceptions().untilAsserted(() ->
        assertThat(cluster.condition("crashing", "MilvusReady").orElseThrow().getMessage()).contains("CrashLoopBackOff"));
  }

  @Test
  void aConfigChangeReachesTheConfigMapWithoutRestartingPods() {
    cluster.create(TestMilvus.SEED.replace("my-release", "configured"));
    cluster.awaitStatus("configured", "Healthy");
    Deployment before = cluster.user.apps().deployments().inNamespace("default").withName("configured-milvus-standalone").get();

    cluster.user.resources(Milvus.class).inNamespace("default").withName("configured")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"config\":{\"common\":{\"retentionDuration\":3600}}}}");

    await().atMost(OperatorHarness.PATIENCE).ignoreExceptions().untilAsserted(() -> {
      ConfigMap cm = cluster.user.configMaps().inNamespace("default").withName("configured").get();
      assertThat(cm.getData().get("user.yaml")).contains("retentionDuration: 3600");
    });
    Deployment after = cluster.user.apps().deployments().inNamespace("default").withName("configured-milvus-standalone").get();
    assertThat(after.getSpec().getTemplate()).isEqualTo(before.getSpec().getTemplate());
  }

  @Test
  void deletingWithRetainKeepsTheData() {
    cluster.create(TestMilvus.SEED.replace("my-release", "kept"));
    cluster.awaitStatus("kept", "Healthy");

    cluster.user.resources(Milvus.class).inNamespace("default").withName("kept").delete();

    await().atMost(OperatorHarness.PATIENCE).until(() -> cluster.get("kept") == null
        && cluster.user.apps().deployments().inNamespace("default").withName("kept-milvus-standalone").get() == null);
    assertThat(pvcsOf("kept")).extracting(p -> p.getMetadata().getName())
        .contains("kept-data", "data-kept-etcd-0", "export-kept-minio-0");
    assertThat(cluster.user.secrets().inNamespace("default").withName("kept-minio").get())
        .as("MinIO's keys live as long as its data").isNotNull();
  }

  @Test
  void deletingWithDeleteRemovesTheData() {
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: removed
        spec:
          dependencies:
            msgStreamType: rocksmq
            etcd:
              inCluster: {deletionPolicy: Delete, pvcDeletion: true}
            storage:
              inCluster: {deletionPolicy: Delete, pvcDeletion: true}
            rocksmq:
              persistence: {pvcDeletion: true}
        """);
    cluster.awaitStatus("removed", "Healthy");
    assertThat(pvcsOf("removed")).hasSize(3);

    cluster.user.resources(Milvus.class).inNamespace("default").withName("removed").delete();

    await().atMost(OperatorHarness.PATIENCE).until(() -> cluster.get("removed") == null && pvcsOf("removed").isEmpty());
    assertThat(cluster.user.secrets().inNamespace("default").withName("removed-minio").get()).isNull();
  }

  @Test
  void theOperatorRestartedMidwayConvergesToTheSameObjects() {
    cluster.stopOperator();
    try {
      cluster.create(TestMilvus.SEED.replace("my-release", "restarted"));
      cluster.startOperator();
      await().atMost(OperatorHarness.PATIENCE).until(() -> cluster.user.apps().statefulSets().inNamespace("default")
          .withName("restarted-etcd").get() != null);
    } finally {
      cluster.stopOperator();
      cluster.startOperator();
    }
    cluster.awaitStatus("restarted", "Healthy");

    assertThat(ownedBy("restarted")).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrder("ConfigMap/restarted", "Service/restarted-milvus", "Service/restarted-etcd",
            "Service/restarted-etcd-headless", "Service/restarted-minio", "StatefulSet/restarted-etcd",
            "StatefulSet/restarted-minio", "Deployment/restarted-milvus-standalone");
  }

  @Test
  void steadyStateIsQuiet() {
    cluster.create(TestMilvus.SEED.replace("my-release", "quiet"));
    cluster.awaitStatus("quiet", "Healthy");
    // settled: a whole resync without a write
    AtomicLong seen = new AtomicLong(-1);
    await().during(OperatorHarness.RESYNC.plusMillis(500)).atMost(OperatorHarness.PATIENCE)
        .until(() -> seen.getAndSet(writesAbout("quiet")) == seen.get());

    long before = writesAbout("quiet");
    Duration threeResyncs = OperatorHarness.RESYNC.multipliedBy(3);
    await("no write during three resyncs").during(threeResyncs).atMost(threeResyncs.plus(OperatorHarness.PATIENCE))
        .until(() -> writesAbout("quiet") == before);
  }

  /**
   * Writes the operator made about Milvus {@code name} (its objects, status and Events all start with the name), and
   * every create, since a create's URL names no object.
   */
  private static long writesAbout(String name) {
    return cluster.operatorCalls.calls().stream()
        .filter(c -> c.isWrite() && (c.name() == null || c.name().startsWith(name))).count();
  }

  private static List<PersistentVolumeClaim> pvcsOf(String name) {
    return cluster.user.persistentVolumeClaims().inNamespace("default").list().getItems().stream()
        .filter(p -> p.getMetadata().getName().contains(name))
        .toList();
  }

  private static List<HasMetadata> ownedBy(String name) {
    String uid = cluster.get(name).getMetadata().getUid();
    var ns = cluster.ns();
    return Stream.of(ns.configMaps().list().getItems(), ns.services().list().getItems(),
            ns.apps().statefulSets().list().getItems(), ns.apps().deployments().list().getItems())
        .flatMap(List::stream)
        .map(HasMetadata.class::cast)
        .filter(o -> o.getMetadata().getOwnerReferences() != null
            && o.getMetadata().getOwnerReferences().stream().anyMatch(r -> uid.equals(r.getUid())))
        .toList();
  }
}
