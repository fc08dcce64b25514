package io.milvus.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.render.InClusterPulsar;
import io.milvus.operator.render.InClusterPulsar.Part;
import io.milvus.operator.render.Labels;
import io.milvus.operator.render.RenderContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** MsgStreamReady of an in-cluster Pulsar is True only when brokers and proxy serve, as the operator observes it. */
class PulsarStatusTest {

  private static final RenderContext CTX = TestMilvus.context(TestMilvus.withSpec("p", """
      mode: standalone
      dependencies: {msgStreamType: pulsar}
      """));

  @Test
  void brokersAndProxyWithEveryPodReadyAndBothInitJobsCompleteServe() {
    MilvusCondition condition = PulsarStatus.msgStreamReady(CTX, world(2, true, true));

    assertThat(condition.getStatus()).isEqualTo("True");
    assertThat(condition.getMessage()).contains("p-pulsar-proxy.default:6650");
  }

  @Test
  void aProxyCountedReadyWhosePodIsNotReadyDoesNotServe() {
    MilvusCondition condition = PulsarStatus.msgStreamReady(CTX, world(1, true, true));

    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getMessage()).startsWith("Starting Pulsar: Proxy (StatefulSet p-pulsar-proxy)");
  }

  @Test
  void aStatusFromBeforeTheLastSpecChangeDoesNotCount() {
    MilvusCondition condition = PulsarStatus.msgStreamReady(CTX, world(2, false, true));

    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getMessage()).startsWith("Starting Pulsar: Brokers");
  }

  @Test
  void brokersServeOnlyOnceTheClusterMetadataJobHasCompleted() {
    MilvusCondition condition = PulsarStatus.msgStreamReady(CTX, world(2, true, false));

    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getMessage()).isEqualTo("Initialising Pulsar's cluster metadata (Job p-pulsar-pulsar-init)");
  }

  /**
   * Every part of a standalone Pulsar (one pod each) counted ready by its StatefulSet.
   *
   * @param readyPods how many of the broker and proxy pods the operator sees ready (of one each)
   * @param current whether the brokers' StatefulSet status is of its current generation
   */
  private static ObservedState world(int readyPods, boolean current, boolean metadataDone) {
    Map<String, StatefulSet> parts = new LinkedHashMap<>();
    List<Pod> pods = new ArrayList<>();
    for (Part part : InClusterPulsar.parts(CTX)) {
      String name = part.objectName("p");
      boolean late = part == Part.BROKER && !current;
      parts.put(name, new StatefulSetBuilder()
          .withNewMetadata().withName(name).withGeneration(2L).endMetadata()
          .withNewSpec().withReplicas(1).endSpec()
          .withNewStatus().withObservedGeneration(late ? 1L : 2L).withReadyReplicas(1).withUpdatedReplicas(1)
          .endStatus()
          .build());
      boolean ready = part != Part.PROXY || readyPods >= 2;
      pods.add(new PodBuilder()
          .withNewMetadata().withName(name + "-0").withLabels(Labels.component("p", part.component())).endMetadata()
          .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
          .endStatus()
          .build());
    }
    Map<String, Job> jobs = new LinkedHashMap<>();
    jobs.put(InClusterPulsar.bookieInitJob("p"), job(InClusterPulsar.bookieInitJob("p"), true));
    jobs.put(InClusterPulsar.metadataInitJob("p"), job(InClusterPulsar.metadataInitJob("p"), metadataDone));
    return new ObservedState(Map.of(), parts, pods, Map.of(), jobs, Set.of());
  }

  private static Job job(String name, boolean complete) {
    return new JobBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewStatus().addNewCondition().withType("Complete").withStatus(complete ? "True" : "False").endCondition()
        .endStatus().build();
  }
}
