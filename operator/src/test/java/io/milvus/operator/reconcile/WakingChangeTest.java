package io.milvus.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.milvus.operator.api.Serialization;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class WakingChangeTest {

  private static final Map<String, String> LABELS = Map.of("app.kubernetes.io/instance", "my-release");

  @Test
  void aNewResourceVersionOrManagedFieldsAloneWakesNothing() {
    Deployment before = deployment();
    Deployment after = changed(before, d -> {
      d.getMetadata().setResourceVersion("42");
      d.getMetadata().getManagedFields().add(new ManagedFieldsEntryBuilder().withManager("kubectl").build());
      return d;
    });
    assertThat(WakingChange.matters(before, after)).isFalse();
  }

  @Test
  void aHandEditOfAnythingTheOperatorOwnsWakesItToPutItBack() {
    Deployment before = deployment();
    assertThat(WakingChange.matters(before, changed(before, d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("someone/else:1");
      return d;
    }))).isTrue();
    assertThat(WakingChange.matters(before, changed(before, d -> {
      d.getMetadata().setAnnotations(Map.of("milvus.io/desired-hash", "edited"));
      return d;
    }))).isTrue();
    assertThat(WakingChange.matters(before, changed(before, d -> {
      d.getMetadata().setLabels(Map.of());
      return d;
    }))).as("labels that map it to its Milvus").isTrue();
  }

  @Test
  void everyDeploymentStatusChangeWakesBecauseTheMilvusStatusShowsIt() {
    Deployment before = deployment();
    assertThat(WakingChange.matters(before, changed(before, d -> {
      d.getStatus().setUpdatedReplicas(1);
      return d;
    }))).isTrue();
  }

  @Test
  void aPodBoundToANodeWakesNothingButStartingBecomingReadyAndGoingAwayDo() {
    Pod created = new PodBuilder().withNewMetadata().withName("p").withLabels(LABELS).withResourceVersion("1")
        .endMetadata().withNewStatus().withPhase("Pending").endStatus().build();
    Pod bound = changed(created, p -> {
      p.getMetadata().setResourceVersion("2");
      p.getStatus().getConditions().add(new PodConditionBuilder().withType("PodScheduled").withStatus("True").build());
      return p;
    });
    Pod started = changed(bound, p -> {
      p.getStatus().setPhase("Running");
      p.getStatus().getContainerStatuses().add(new ContainerStatusBuilder().withName("milvus").withReady(false)
          .withNewState().withNewRunning().endRunning().endState().build());
      return p;
    });
    Pod ready = changed(started, p -> {
      p.getStatus().getConditions().add(new PodConditionBuilder().withType("Ready").withStatus("True").build());
      return p;
    });
    Pod deleting = changed(ready, p -> {
      p.getMetadata().setDeletionTimestamp("2026-12-08T00:00:00Z");
      return p;
    });
    assertThat(WakingChange.matters(created, bound)).isFalse();
    assertThat(WakingChange.matters(bound, started)).isTrue();
    assertThat(WakingChange.matters(started, ready)).isTrue();
    assertThat(WakingChange.matters(ready, deleting)).isTrue();
  }

  @Test
  void aCrashLoopingContainerWakesWithEachRestartTheStatusCounts() {
    Pod crashing = new PodBuilder().withNewMetadata().withName("p").withLabels(LABELS).endMetadata()
        .withNewStatus().withPhase("Running").addNewContainerStatus().withName("milvus").withReady(false)
        .withRestartCount(1).withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
        .endContainerStatus().endStatus().build();
    assertThat(WakingChange.matters(crashing, changed(crashing, p -> {
      p.getStatus().getContainerStatuses().get(0).setRestartCount(2);
      return p;
    }))).isTrue();
  }

  @Test
  void aStatefulSetCountingItsPodsWakesNothingUntilOneIsReady() {
    StatefulSet created = new StatefulSetBuilder().withNewMetadata().withName("etcd").withLabels(LABELS)
        .endMetadata().withNewSpec().withReplicas(1).endSpec().withNewStatus().withReplicas(0).endStatus().build();
    StatefulSet counting = changed(created, s -> {
      s.getStatus().setReplicas(1);
      s.getStatus().setCurrentReplicas(1);
      s.getStatus().setCurrentRevision("etcd-7d9f");
      return s;
    });
    assertThat(WakingChange.matters(created, counting)).isFalse();
    assertThat(WakingChange.matters(counting, changed(counting, s -> {
      s.getStatus().setReadyReplicas(1);
      return s;
    }))).isTrue();
    assertThat(WakingChange.matters(counting, changed(counting, s -> {
      s.getSpec().setReplicas(3);
      return s;
    }))).as("a hand edit of the spec").isTrue();
  }

  @Test
  void aClaimBoundToAVolumeWakesNothingButALargerRequestDoes() {
    PersistentVolumeClaim pending = new PersistentVolumeClaimBuilder().withNewMetadata().withName("data")
        .withLabels(LABELS).endMetadata().withNewSpec().withNewResources()
        .addToRequests("storage", new Quantity("10Gi")).endResources().endSpec()
        .withNewStatus().withPhase("Pending").endStatus().build();
    PersistentVolumeClaim bound = changed(pending, c -> {
      c.getSpec().setVolumeName("pvc-1234");
      c.getMetadata().setAnnotations(Map.of("pv.kubernetes.io/bind-completed", "yes"));
      c.getStatus().setPhase("Bound");
      c.getStatus().setCapacity(Map.of("storage", new Quantity("10Gi")));
      return c;
    });
    assertThat(WakingChange.matters(pending, bound)).isFalse();
    assertThat(WakingChange.matters(bound, changed(bound, c -> {
      c.getSpec().getResources().setRequests(Map.of("storage", new Quantity("20Gi")));
      return c;
    }))).isTrue();
  }

  @Test
  void aDisruptionBudgetCountingHealthyPodsWakesNothing() {
    PodDisruptionBudget budget = new PodDisruptionBudgetBuilder().withNewMetadata().withName("pdb")
        .withLabels(LABELS).endMetadata().withNewSpec().withNewMaxUnavailable(1).endSpec()
        .withNewStatus().withCurrentHealthy(0).endStatus().build();
    assertThat(WakingChange.matters(budget, changed(budget, b -> {
      b.getStatus().setCurrentHealthy(1);
      b.getStatus().setDisruptionsAllowed(1);
      return b;
    }))).isFalse();
  }

  @Test
  void aJobWakesWhenItCompletesOrFailsNotWhileItRuns() {
    Job running = new JobBuilder().withNewMetadata().withName("init").withLabels(LABELS).endMetadata()
        .withNewSpec().endSpec().withNewStatus().withActive(1).endStatus().build();
    assertThat(WakingChange.matters(running, changed(running, j -> {
      j.getStatus().setReady(1);
      return j;
    }))).isFalse();
    assertThat(WakingChange.matters(running, changed(running, j -> {
      j.getStatus().getConditions().add(new io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder()
          .withType("Complete").withStatus("True").build());
      return j;
    }))).isTrue();
  }

  @Test
  void aConfigMapWakesWhenItsDataChanges() {
    ConfigMap config = new ConfigMapBuilder().withNewMetadata().withName("config").withLabels(LABELS)
        .endMetadata().addToData("user.yaml", "a: 1").build();
    assertThat(WakingChange.matters(config, changed(config, c -> {
      c.setData(Map.of("user.yaml", "a: 2"));
      return c;
    }))).isTrue();
  }

  private static Deployment deployment() {
    return new DeploymentBuilder().withNewMetadata().withName("my-release-milvus-standalone").withLabels(LABELS)
        .withResourceVersion("41").addNewManagedField().withManager("milvus-operator").endManagedField()
        .endMetadata().withNewSpec().withReplicas(1).withNewTemplate().withNewSpec().addNewContainer()
        .withName("milvus").withImage("milvusdb/milvus:v2.4.23").endContainer().endSpec().endTemplate().endSpec()
        .withNewStatus().withReplicas(1).endStatus().build();
  }

  /** A changed copy, as the informer hands over a new object for each version. */
  private static <T extends HasMetadata> T changed(T object, UnaryOperator<T> change) {
    return change.apply(Serialization.KUBERNETES.clone(object));
  }
}
