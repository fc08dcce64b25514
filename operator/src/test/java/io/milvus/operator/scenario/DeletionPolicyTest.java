package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.render.Labels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A user deletes a Milvus whose in-cluster dependencies say what should become of them: Retain keeps them running
 * (and a Milvus of the same name takes them back), Delete removes their workloads, pvcDeletion their volumes, and
 * unset removes the workloads and keeps the volumes.
 */
class DeletionPolicyTest {

  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start();

  @ParameterizedTest(name = "{1} on {2}: workloads kept {3}, volumes kept {4}")
  @CsvSource({
      "unset-kafka,         '',                                          kafka,  false, true",
      "retain-kafka,        'deletionPolicy: Retain',                    kafka,  true,  true",
      "retain-pvc-pulsar,   'deletionPolicy: Retain, pvcDeletion: true', pulsar, true,  true",
      "delete-pulsar,       'deletionPolicy: Delete',                    pulsar, false, true",
      "delete-pvc-kafka,    'deletionPolicy: Delete, pvcDeletion: true', kafka,  false, false",
      "delete-pvc-pulsar,   'deletionPolicy: Delete, pvcDeletion: true', pulsar, false, false",
      "unset-pvc-pulsar,    'pvcDeletion: true',                         pulsar, false, false",
  })
  void deletingTheMilvusDoesWhatEachDependencySays(String name, String policy, String queue, boolean workloadsKept,
      boolean volumesKept) {
    String yaml = milvus(name, policy, queue);
    cluster.create(yaml);
    cluster.awaitStatus(name, "Healthy");
    List<String> workloads = statefulSets(name).stream().map(s -> s.getMetadata().getName() + "/"
        + s.getMetadata().getUid()).sorted().toList();
    List<String> volumes = pvcs(name).stream().map(p -> p.getMetadata().getName()).sorted().toList();
    assertThat(workloads).hasSizeGreaterThanOrEqualTo(3);
    assertThat(volumes).isNotEmpty();

    cluster.user.resources(Milvus.class).inNamespace("default").withName(name).delete();
    String cr = name;
    await().atMost(OperatorHarness.PATIENCE).until(() -> cluster.get(cr) == null);

    if (workloadsKept) {
      await().during(java.time.Duration.ofSeconds(2)).atMost(OperatorHarness.PATIENCE).until(() ->
          statefulSets(cr).size() == workloads.size());
      assertThat(statefulSets(cr)).allSatisfy(s -> assertThat(s.getMetadata().getOwnerReferences()).isNullOrEmpty());
      assertThat(cluster.ns().pods().withLabel(Labels.INSTANCE, cr).list().getItems()).isNotEmpty();
    } else {
      await().atMost(OperatorHarness.PATIENCE).until(() -> statefulSets(cr).isEmpty());
    }
    if (volumesKept) {
      assertThat(pvcs(cr)).extracting(p -> p.getMetadata().getName()).containsAll(volumes);
    } else {
      await().atMost(OperatorHarness.PATIENCE).until(() -> pvcs(cr).isEmpty());
    }

    if (workloadsKept) {
      // The same Milvus again takes its dependencies back: the same StatefulSets, untouched, serving it.
      cluster.create(yaml);
      cluster.awaitStatus(cr, "Healthy");
      assertThat(statefulSets(cr).stream().map(s -> s.getMetadata().getName() + "/" + s.getMetadata().getUid())
          .sorted().toList()).isEqualTo(workloads);
    }
  }

  private static String milvus(String name, String policy, String queue) {
    String inCluster = "{inCluster: {" + policy + "}}";
    return """
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: %s}
        spec:
          components: {image: milvusdb/milvus:v2.5.16}
          dependencies:
            msgStreamType: %s
            etcd: %s
            storage: %s
            %s: %s
        """.formatted(name, queue, inCluster, inCluster, queue, inCluster);
  }

  private static List<StatefulSet> statefulSets(String cr) {
    return cluster.ns().apps().statefulSets().withLabel(Labels.INSTANCE, cr).list().getItems();
  }

  private static List<PersistentVolumeClaim> pvcs(String cr) {
    return cluster.ns().persistentVolumeClaims().withLabels(Map.of(Labels.INSTANCE, cr)).list().getItems().stream()
        .filter(p -> !p.getMetadata().getName().equals(cr + "-data")).toList();
  }
}
