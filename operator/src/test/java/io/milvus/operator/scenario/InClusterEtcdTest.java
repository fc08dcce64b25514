package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.reconcile.ObjectApplier;
import io.milvus.operator.render.InClusterEtcd;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** etcd for a Milvus cluster: three members that survive losing one, and a running etcd that keeps its shape. */
class InClusterEtcdTest {

  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start();

  @Test
  void aThreeMemberEtcdSurvivesAMembersPodBeingDeleted() {
    cluster.create(clusterMilvus("three"));
    cluster.awaitStatus("three", "Healthy");
    StatefulSet etcd = cluster.ns().apps().statefulSets().withName("three-etcd").get();
    assertThat(etcd.getSpec().getReplicas()).isEqualTo(3);
    assertThat(etcd.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains(
        "--initial-cluster=three-etcd-0=http://three-etcd-0.three-etcd-headless.default:2380,"
            + "three-etcd-1=http://three-etcd-1.three-etcd-headless.default:2380,"
            + "three-etcd-2=http://three-etcd-2.three-etcd-headless.default:2380");
    PodDisruptionBudget budget = cluster.ns().policy().v1().podDisruptionBudget().withName("three-etcd").get();
    assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(2);

    Pod member = cluster.ns().pods().withName("three-etcd-1").get();
    cluster.ns().pods().withName("three-etcd-1").delete();

    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> {
      Pod back = cluster.ns().pods().withName("three-etcd-1").get();
      assertThat(back).isNotNull();
      assertThat(back.getMetadata().getUid()).isNotEqualTo(member.getMetadata().getUid());
      assertThat(back.getSpec().getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName())
          .as("the member comes back on its own data, so it rejoins as itself").isEqualTo("data-three-etcd-1"));
      assertThat(cluster.condition("three", "EtcdReady").orElseThrow().getStatus()).isEqualTo("True");
    });
    assertThat(cluster.get("three").getStatus().getStatus()).isEqualTo("Healthy");
  }

  @Test
  void aOneMemberEtcdOfAnEarlierReleaseKeepsItsShapeAndIsNotGrownInPlace() {
    cluster.stopOperator();
    Milvus milvus;
    try {
      milvus = cluster.create(clusterMilvus("legacy"));
      // What an earlier release made: one member, no peer configuration.
      ObjectApplier earlierRelease = new ObjectApplier(cluster.user);
      for (HasMetadata object : InClusterEtcd.renderSingleMember(TestMilvus.context(milvus))) {
        earlierRelease.apply(object, Optional.empty());
      }
      await().atMost(OperatorHarness.PATIENCE).until(() -> cluster.ns().pods().withName("legacy-etcd-0").get() != null);
    } finally {
      cluster.startOperator();
    }
    String memberUid = cluster.ns().pods().withName("legacy-etcd-0").get().getMetadata().getUid();

    cluster.awaitStatus("legacy", "Healthy");
    StatefulSet etcd = cluster.ns().apps().statefulSets().withName("legacy-etcd").get();
    assertThat(etcd.getSpec().getReplicas()).isEqualTo(1);
    assertThat(etcd.getMetadata().getGeneration()).as("not rewritten").isEqualTo(1L);
    assertThat(cluster.ns().pods().withName("legacy-etcd-0").get().getMetadata().getUid()).isEqualTo(memberUid);

    cluster.user.resources(Milvus.class).inNamespace("default").withName("legacy").patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"dependencies\":{\"etcd\":{\"inCluster\":{\"values\":{\"replicaCount\":3}}}}}}");

    MilvusCondition valid = cluster.awaitCondition("legacy", "SpecValid", "False");
    assertThat(valid.getMessage()).contains("replicaCount", "runs 1 member(s)", "etcdctl member add");
    assertThat(cluster.ns().apps().statefulSets().withName("legacy-etcd").get().getSpec().getReplicas()).isEqualTo(1);
  }

  private static String clusterMilvus(String name) {
    return """
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: %s}
        spec:
          mode: cluster
          components: {image: milvusdb/milvus:v2.5.16}
          dependencies:
            pulsar: {external: true, endpoint: "pulsar.example:6650"}
        """.formatted(name);
  }
}
