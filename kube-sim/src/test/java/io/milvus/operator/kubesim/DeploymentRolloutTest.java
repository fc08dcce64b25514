package io.milvus.operator.kubesim;

import static io.milvus.operator.kubesim.Fixtures.await;
import static io.milvus.operator.kubesim.Fixtures.orZero;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentRolloutTest {

  private KubeSim sim;
  private KubernetesClient client;

  @BeforeAll
  void start() {
    sim = KubeSim.start();
    client = sim.newClient();
  }

  @AfterAll
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void aNewDeploymentBecomesAvailableThroughAReplicaSet() {
    String ns = Fixtures.newNamespace(client, "new");
    client.resource(Fixtures.deployment(ns, "web", 3, "nginx:1.25").build()).create();

    await().until(() -> isRolledOut(get(ns, "web")));

    Deployment web = get(ns, "web");
    assertThat(condition(web, "Available").getReason()).isEqualTo("MinimumReplicasAvailable");
    assertThat(condition(web, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
    assertThat(web.getStatus().getObservedGeneration()).isEqualTo(web.getMetadata().getGeneration());
    assertThat(web.getStatus().getReplicas()).isEqualTo(3);
    assertThat(web.getStatus().getUnavailableReplicas()).isNull();
    List<ReplicaSet> replicaSets = client.apps().replicaSets().inNamespace(ns).list().getItems();
    assertThat(replicaSets).singleElement().satisfies(rs -> {
      String hash = rs.getMetadata().getLabels().get("pod-template-hash");
      assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
      assertThat(rs.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(o -> assertThat(o.getUid()).isEqualTo(web.getMetadata().getUid()));
    });
    List<Pod> pods = client.pods().inNamespace(ns).list().getItems();
    assertThat(pods).hasSize(3).allSatisfy(pod -> {
      assertThat(pod.getMetadata().getName()).matches("web-[a-z0-9]+-[a-z0-9]{5}");
      assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web").containsKey("pod-template-hash");
      assertThat(pod.getSpec().getNodeName()).isEqualTo("kube-sim-node");
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      assertThat(pod.getStatus().getPodIP()).startsWith("10.244.");
    });
  }

  @Test
  void aSurgeOnlyRollingUpdateNeverDropsBelowTheDesiredReadyCount() {
    String ns = Fixtures.newNamespace(client, "surge");
    client.resource(Fixtures.rollingDeployment(ns, "api", 3, "app:1", 1, 0).build()).create();
    await().until(() -> isRolledOut(get(ns, "api")));

    client.apps().deployments().inNamespace(ns).withName("api").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("app:2");
      return d;
    });

    await().until(() -> isRolledOut(get(ns, "api")) && podImages(ns).equals(List.of("app:2", "app:2", "app:2")));
    assertThat(sim.availability().minReadySinceAvailable(ns, "api")).isEqualTo(3);
    assertThat(sim.availability().history(ns, "api")).extracting(AvailabilitySample::ready).allMatch(r -> r <= 4);
    assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems())
        .extracting(rs -> rs.getSpec().getReplicas()).containsExactlyInAnyOrder(3, 0);
  }

  @Test
  void recreateStopsEveryOldPodBeforeStartingNewOnes() {
    String ns = Fixtures.newNamespace(client, "recreate");
    Deployment db = Fixtures.deployment(ns, "db", 2, "db:1").editSpec().withNewStrategy().withType("Recreate").endStrategy().endSpec().build();
    client.resource(db).create();
    await().until(() -> isRolledOut(get(ns, "db")));

    client.apps().deployments().inNamespace(ns).withName("db").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("db:2");
      return d;
    });

    await().until(() -> isRolledOut(get(ns, "db")) && podImages(ns).equals(List.of("db:2", "db:2")));
    List<AvailabilitySample> history = sim.availability().history(ns, "db");
    assertThat(sim.availability().minReadySinceAvailable(ns, "db")).isZero();
    assertThat(history).filteredOn(s -> "db:2".equals(s.image()))
        .anyMatch(s -> s.replicas() == 0)
        .as("no new pod while an old one exists")
        .filteredOn(s -> s.updated() > 0).allMatch(s -> s.replicas() == s.updated());
  }

  @Test
  void aNeverReadyImageStallsTheRolloutWithTheOldPodsServingUntilTheDeadline() {
    String ns = Fixtures.newNamespace(client, "stuck");
    sim.scripts().forImage("milvusdb/milvus:v9.9.9-bad", PodBehaviour.neverReady());
    Deployment milvus = Fixtures.rollingDeployment(ns, "milvus", 3, "milvusdb/milvus:v2.4.0", 1, 0)
        .editSpec().withProgressDeadlineSeconds(1).endSpec().build();
    client.resource(milvus).create();
    await().until(() -> isRolledOut(get(ns, "milvus")));

    client.apps().deployments().inNamespace(ns).withName("milvus").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("milvusdb/milvus:v9.9.9-bad");
      return d;
    });

    await().until(() -> "ProgressDeadlineExceeded".equals(condition(get(ns, "milvus"), "Progressing").getReason()));
    Deployment stuck = get(ns, "milvus");
    assertThat(condition(stuck, "Progressing").getStatus()).isEqualTo("False");
    assertThat(condition(stuck, "Available").getStatus()).isEqualTo("True");
    assertThat(stuck.getStatus().getReadyReplicas()).isEqualTo(3);
    assertThat(stuck.getStatus().getUpdatedReplicas()).isEqualTo(1);
    assertThat(podImages(ns)).containsExactly("milvusdb/milvus:v2.4.0", "milvusdb/milvus:v2.4.0",
        "milvusdb/milvus:v2.4.0", "milvusdb/milvus:v9.9.9-bad");
    assertThat(sim.availability().minReadySinceAvailable(ns, "milvus")).isEqualTo(3);
  }

  @Test
  void aPutWithoutStatusKeepsTheStatusAndScalingFollowsTheSpec() {
    String ns = Fixtures.newNamespace(client, "scale");
    client.resource(Fixtures.deployment(ns, "svc", 2, "svc:1").build()).create();
    await().until(() -> isRolledOut(get(ns, "svc")));

    Deployment desired = Fixtures.deployment(ns, "svc", 4, "svc:1").build();
    desired.getMetadata().setResourceVersion(get(ns, "svc").getMetadata().getResourceVersion());
    Deployment afterPut = client.resource(desired).update();

    assertThat(afterPut.getStatus()).as("a real API server keeps status on PUT").isNotNull();
    assertThat(afterPut.getStatus().getReadyReplicas()).isEqualTo(2);
    await().until(() -> isRolledOut(get(ns, "svc")) && orZero(get(ns, "svc").getStatus().getReadyReplicas()) == 4);

    client.apps().deployments().inNamespace(ns).withName("svc").scale(1);
    await().until(() -> client.pods().inNamespace(ns).list().getItems().size() == 1 && isRolledOut(get(ns, "svc")));
  }

  @Test
  void aPausedDeploymentDoesNotRollOutUntilResumed() {
    String ns = Fixtures.newNamespace(client, "paused");
    client.resource(Fixtures.deployment(ns, "p", 1, "p:1").build()).create();
    await().until(() -> isRolledOut(get(ns, "p")));

    client.apps().deployments().inNamespace(ns).withName("p").edit(d -> {
      d.getSpec().setPaused(true);
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("p:2");
      return d;
    });
    await().until(() -> "DeploymentPaused".equals(condition(get(ns, "p"), "Progressing").getReason()));
    assertThat(podImages(ns)).containsExactly("p:1");

    client.apps().deployments().inNamespace(ns).withName("p").edit(d -> {
      d.getSpec().setPaused(false);
      return d;
    });
    await().until(() -> isRolledOut(get(ns, "p")) && podImages(ns).equals(List.of("p:2")));
  }

  @Test
  void podsCountAsAvailableOnlyAfterMinReadySeconds() {
    String ns = Fixtures.newNamespace(client, "minready");
    client.resource(Fixtures.deployment(ns, "slow", 2, "slow:1").editSpec().withMinReadySeconds(2).endSpec().build()).create();

    await().until(() -> orZero(get(ns, "slow").getStatus().getReadyReplicas()) == 2);
    Deployment ready = get(ns, "slow");
    assertThat(orZero(ready.getStatus().getAvailableReplicas())).isZero();
    assertThat(condition(ready, "Available").getStatus()).isEqualTo("False");
    assertThat(ready.getStatus().getUnavailableReplicas()).isEqualTo(2);

    await().until(() -> isRolledOut(get(ns, "slow")));
    assertThat(condition(get(ns, "slow"), "Available").getStatus()).isEqualTo("True");
  }

  private Deployment get(String ns, String name) {
    return client.apps().deployments().inNamespace(ns).withName(name).get();
  }

  private List<String> podImages(String ns) {
    return client.pods().inNamespace(ns).list().getItems().stream()
        .map(p -> p.getSpec().getContainers().get(0).getImage()).sorted().toList();
  }

  static boolean isRolledOut(Deployment d) {
    if (d == null || d.getStatus() == null || d.getStatus().getObservedGeneration() == null
        || d.getStatus().getObservedGeneration() < d.getMetadata().getGeneration()) {
      return false;
    }
    DeploymentCondition progressing = condition(d, "Progressing");
    return progressing != null && "NewReplicaSetAvailable".equals(progressing.getReason())
        && orZero(d.getStatus().getAvailableReplicas()) == d.getSpec().getReplicas();
  }

  static DeploymentCondition condition(Deployment d, String type) {
    if (d.getStatus() == null || d.getStatus().getConditions() == null) {
      return null;
    }
    return d.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
