package io.milvus.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.kubesim.ApiCallLog;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The chart's RBAC is exactly what the operator uses. Representative stories run the real operator against kube-sim
 * and record every API call; the chart's rules must grant each recorded (group, resource, verb), and may grant
 * nothing else except the documented allow-list (rbac-allow-list.yaml).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RbacTest {

  static final String V2423 = "milvusdb/milvus:v2.4.23";
  static final String V2424 = "milvusdb/milvus:v2.4.24";
  static final String V214 = "milvusdb/milvus:v2.1.4";
  static final String WATCHED = "team-a";

  private final ApiCallLog clusterWideCalls = new ApiCallLog();
  private final ApiCallLog namespacedCalls = new ApiCallLog();
  private RecordingCluster cluster;

  @BeforeAll
  void recordTheStories() {
    cluster = new RecordingCluster();
    cluster.startOperator(Set.of(), clusterWideCalls);
    standaloneLifecycle("default");
    clusterMovingToMixCoord();
    metadataMigrationWithMilvusUpgrade();
    cluster.stopOperator();

    cluster.user.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(WATCHED).endMetadata()
        .build()).create();
    cluster.startOperator(Set.of(WATCHED), namespacedCalls);
    standaloneLifecycle(WATCHED);
    cluster.stopOperator();
  }

  @AfterAll
  void stopCluster() {
    cluster.close();
  }

  @Test
  void everyCallTheOperatorMadeIsGranted() {
    Set<Permission> granted = chartPermissions();

    assertThat(recorded()).as("recorded calls the chart does not allow").isSubsetOf(granted);
  }

  @Test
  void theChartGrantsNothingBeyondTheRecordAndTheAllowList() {
    Set<Permission> unexplained = new TreeSet<>(chartPermissions());
    unexplained.removeAll(recorded());
    unexplained.removeAll(RbacAllowList.permissions());

    assertThat(unexplained).as("granted but never used (remove them, or add them to rbac-allow-list.yaml with a "
        + "reason); recorded: %s", new TreeSet<>(recorded())).isEmpty();
  }

  @Test
  void eachAllowListEntryHasAReasonAndIsGranted() {
    assertThat(RbacAllowList.entries()).allSatisfy(e -> assertThat(e.reason()).isNotBlank());
    assertThat(chartPermissions()).containsAll(RbacAllowList.permissions());
  }

  @Test
  void anOperatorThatWatchesNamespacesCallsNothingOutsideThem() {
    assertThat(namespacedCalls.calls()).isNotEmpty();
    assertThat(namespacedCalls.calls()).filteredOn(c -> c.group() != null)
        .as("calls a Role in the watched namespace would not allow")
        .allSatisfy(c -> assertThat(c.namespace()).as(c.toString()).isEqualTo(WATCHED));
  }

  @Test
  void theOperatorCallsNoNonResourceUrl() {
    // beyond the discovery paths open to every user, a non-resource URL needs a ClusterRole, which namespaced mode
    // does not have
    assertThat(Stream.concat(clusterWideCalls.calls().stream(), namespacedCalls.calls().stream()))
        .filteredOn(c -> c.group() == null && !isDiscovery(c.resource())).isEmpty();
  }

  /** The paths Kubernetes' system:discovery role opens to every authenticated user (/api/*, /apis/*, /version). */
  private static boolean isDiscovery(String path) {
    return path.equals("api") || path.startsWith("api/") || path.equals("apis") || path.startsWith("apis/")
        || path.equals("version");
  }

  private Set<Permission> recorded() {
    return Stream.concat(clusterWideCalls.calls().stream(), namespacedCalls.calls().stream())
        .filter(c -> c.group() != null)
        .map(Permission::of)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The ClusterRole and the leader-election Role of the chart with default values. */
  private static Set<Permission> chartPermissions() {
    List<HasMetadata> objects = Chart.objects();
    return Stream.concat(Chart.one(objects, ClusterRole.class).getRules().stream(),
            Chart.one(objects, Role.class).getRules().stream())
        .flatMap(Permission::grantedBy)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Create, configure, roll to a new image, delete with its data: every object kind a standalone Milvus has. */
  private void standaloneLifecycle(String namespace) {
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: life
          namespace: %s
        spec:
          components:
            image: %s
          dependencies:
            etcd:
              inCluster: {deletionPolicy: Delete, pvcDeletion: true}
            storage:
              inCluster: {deletionPolicy: Delete, pvcDeletion: true}
            rocksmq:
              persistence: {pvcDeletion: true}
        """.formatted(namespace, V2423));
    cluster.awaitHealthy(namespace, "life", V2423);

    // a config change, a new image, a Service change and a change of the in-cluster etcd's StatefulSet
    cluster.user.resources(Milvus.class).inNamespace(namespace).withName("life")
        .patch(PatchContext.of(PatchType.JSON_MERGE), """
            {"spec": {"config": {"common": {"retentionDuration": 3600}},
                      "components": {"image": "%s", "standalone": {"serviceAnnotations": {"team": "search"}}},
                      "dependencies": {"etcd": {"inCluster": {"values": {"resources": {"requests": {"cpu": "200m"}}}}}}}}
            """.formatted(V2424));
    cluster.awaitHealthy(namespace, "life", V2424);
    await().atMost(RecordingCluster.PATIENCE).until(() -> "search".equals(cluster.user.services()
        .inNamespace(namespace).withName("life-milvus").get().getMetadata().getAnnotations().get("team")));

    cluster.user.resources(Milvus.class).inNamespace(namespace).withName("life").delete();
    cluster.awaitGone(namespace, "life");
  }

  /** A cluster on external Pulsar whose four coordinators are merged into mixCoord: their Deployments retire. */
  private void clusterMovingToMixCoord() {
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: distributed
          namespace: default
        spec:
          mode: cluster
          components:
            image: %s
            rootCoord: {replicas: 1}
            dataCoord: {replicas: 1}
            queryCoord: {replicas: 1}
            indexCoord: {replicas: 1}
          dependencies:
            pulsar: {external: true, endpoint: "pulsar.example:6650"}
        """.formatted(V2423));
    cluster.awaitHealthy("default", "distributed", V2423);

    cluster.user.resources(Milvus.class).inNamespace("default").withName("distributed")
        .patch(PatchContext.of(PatchType.JSON_MERGE), """
            {"spec": {"components": {"rootCoord": null, "dataCoord": null, "queryCoord": null, "indexCoord": null,
                                     "mixCoord": {"replicas": 1}}}}
            """);
    await().atMost(RecordingCluster.PATIENCE).until(() -> cluster.user.apps().deployments().inNamespace("default")
        .withName("distributed-milvus-rootcoord").get() == null);
    cluster.awaitHealthy("default", "distributed", V2423);
  }

  /** The seed's MilvusUpgrade from 2.1.4: stop, back up the metadata (Job, PVC), migrate (Job, ConfigMap), start. */
  private void metadataMigrationWithMilvusUpgrade() {
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: old
          namespace: default
        spec:
          components:
            image: %s
        """.formatted(V214));
    cluster.awaitHealthy("default", "old", V214);
    cluster.createUpgrade("""
        apiVersion: milvus.io/v1beta1
        kind: MilvusUpgrade
        metadata:
          name: old-upgrade
          namespace: default
        spec:
          milvus: {namespace: default, name: old}
          sourceVersion: "v2.1.4"
          targetVersion: "v2.4.23"
        """);
    cluster.awaitUpgradeState("default", "old-upgrade", "Succeeded");
    cluster.awaitHealthy("default", "old", V2423);

    // deleted with the default deletionPolicy Retain: the dependencies and their data stay
    cluster.user.resources(Milvus.class).inNamespace("default").withName("old").delete();
    cluster.awaitGone("default", "old");
  }

}
