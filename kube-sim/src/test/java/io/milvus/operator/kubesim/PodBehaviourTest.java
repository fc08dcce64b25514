package io.milvus.operator.kubesim;

import static io.milvus.operator.kubesim.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodBehaviourTest {

  private KubeSim sim;
  private KubernetesClient client;
  private String ns;

  @BeforeAll
  void start() {
    sim = KubeSim.start();
    client = sim.newClient();
    ns = Fixtures.newNamespace(client, "pods");
  }

  @AfterAll
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void aPodRunsAtOnceAndBecomesReadyAfterItsScriptedDelay() {
    sim.scripts().forImage("slow:1", PodBehaviour.readyAfter(Duration.ofMillis(400)));
    createPod("slow", "slow:1");

    await().until(() -> "Running".equals(phase("slow")));
    Pod running = get("slow");
    assertThat(container(running).getReady()).isFalse();
    assertThat(container(running).getStarted()).isTrue();
    assertThat(running.getSpec().getNodeName()).isEqualTo("kube-sim-node");
    assertThat(running.getStatus().getStartTime()).isNotNull();

    await().until(() -> container(get("slow")).getReady());
    assertThat(get("slow").getStatus().getConditions())
        .filteredOn(c -> c.getType().equals("Ready") || c.getType().equals("ContainersReady"))
        .hasSize(2).allMatch(c -> c.getStatus().equals("True"));
  }

  @Test
  void aNeverReadyPodRunsWithoutEverPassingReadiness() {
    sim.scripts().forImage("stuck:1", PodBehaviour.neverReady());
    createPod("stuck", "stuck:1");

    await().until(() -> "Running".equals(phase("stuck")));
    // several kubelet passes: it stays unready
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
        .until(() -> !container(get("stuck")).getReady());
    Pod pod = get("stuck");
    assertThat(container(pod).getReady()).isFalse();
    assertThat(container(pod).getState().getRunning()).isNotNull();
    assertThat(pod.getStatus().getConditions()).filteredOn(c -> c.getType().equals("Ready"))
        .singleElement().satisfies(c -> {
          assertThat(c.getStatus()).isEqualTo("False");
          assertThat(c.getReason()).isEqualTo("ContainersNotReady");
        });
  }

  @Test
  void aCrashLoopingContainerWaitsInBackOffWithAGrowingRestartCount() {
    sim.scripts().forImage("crash:1", PodBehaviour.crashLoop(Duration.ofMillis(100)));
    createPod("crash", "crash:1");

    await().until(() -> get("crash").getStatus() != null && !get("crash").getStatus().getContainerStatuses().isEmpty());
    int first = container(get("crash")).getRestartCount();
    await().until(() -> container(get("crash")).getRestartCount() >= first + 2);
    ContainerStatus status = container(get("crash"));
    assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(status.getReady()).isFalse();
  }

  @Test
  void anImageThatCannotBePulledLeavesThePodPending() {
    sim.scripts().forImagePrefix("registry.invalid/", PodBehaviour.imagePullFailure());
    createPod("nopull", "registry.invalid/app:1");

    await().until(() -> get("nopull").getStatus() != null && "Pending".equals(phase("nopull")));
    assertThat(container(get("nopull")).getState().getWaiting().getReason()).isIn("ErrImagePull", "ImagePullBackOff");
    await().until(() -> "ImagePullBackOff".equals(container(get("nopull")).getState().getWaiting().getReason()));
  }

  @Test
  void scriptsMatchTheExactImageFirstThenTheLongestPrefixThenTheDefault() {
    BehaviourScripts scripts = sim.scripts();
    scripts.forImagePrefix("milvusdb/", PodBehaviour.neverReady());
    scripts.forImagePrefix("milvusdb/milvus:", PodBehaviour.crashLoop());
    scripts.forImage("milvusdb/milvus:v2.4.0", PodBehaviour.readyAfter(Duration.ZERO));

    assertThat(scripts.podBehaviourFor("milvusdb/milvus:v2.4.0")).isEqualTo(PodBehaviour.readyAfter(Duration.ZERO));
    assertThat(scripts.podBehaviourFor("milvusdb/milvus:v2.3.0")).isInstanceOf(PodBehaviour.CrashLoop.class);
    assertThat(scripts.podBehaviourFor("milvusdb/etcd:3.5")).isEqualTo(PodBehaviour.neverReady());
    assertThat(scripts.podBehaviourFor("nginx")).isEqualTo(PodBehaviour.readyAfter(KubeSimOptions.DEFAULT_READY_DELAY));
  }

  @Test
  void reScriptingAnImageChangesTheRunningPods() {
    createPod("flaky", "flaky:1");
    await().until(() -> get("flaky").getStatus() != null && container(get("flaky")).getReady());

    sim.scripts().forImage("flaky:1", PodBehaviour.neverReady());

    await().until(() -> !container(get("flaky")).getReady());
  }

  @Test
  void aPodWithAFinalizerStaysTerminatingAndUnreadyUntilTheFinalizerGoes() {
    Pod pod = new PodBuilder().withNewMetadata().withName("guarded").withNamespace(ns).addToFinalizers("example.com/keep").endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage("guarded:1").endContainer().endSpec().build();
    client.resource(pod).create();
    await().until(() -> get("guarded").getStatus() != null && container(get("guarded")).getReady());

    client.pods().inNamespace(ns).withName("guarded").delete();

    await().until(() -> get("guarded").getMetadata().getDeletionTimestamp() != null && !container(get("guarded")).getReady());
    client.pods().inNamespace(ns).withName("guarded").edit(p -> {
      p.getMetadata().setFinalizers(null);
      return p;
    });
    await().until(() -> get("guarded") == null);
  }

  @Test
  void aSandboxUserMakesAnImageFailByAnnotatingTheNamespaceAndFixesItByRemovingTheAnnotation() {
    String faulty = Fixtures.newNamespace(client, "faulty");
    client.namespaces().withName(faulty).edit(n -> {
      n.getMetadata().setAnnotations(java.util.Map.of(NamespaceFaults.CRASHING, "milvusdb/milvus:v2.5.26",
          NamespaceFaults.NEVER_READY, "milvusdb/milvus:v2.6*"));
      return n;
    });
    for (String[] pod : new String[][] {{"crashing", "milvusdb/milvus:v2.5.26"}, {"unready", "milvusdb/milvus:v2.6.11"},
        {"fine", "milvusdb/milvus:v2.4.23"}}) {
      client.resource(new PodBuilder().withNewMetadata().withName(pod[0]).withNamespace(faulty).endMetadata()
          .withNewSpec().addNewContainer().withName("main").withImage(pod[1]).endContainer().endSpec().build()).create();
    }

    await().until(() -> waiting(faulty, "crashing").equals("CrashLoopBackOff"));
    await().until(() -> container(client.pods().inNamespace(faulty).withName("fine").get()).getReady());
    assertThat(container(client.pods().inNamespace(faulty).withName("unready").get()).getReady()).isFalse();
    assertThat(client.pods().inNamespace(ns).list().getItems()).as("other namespaces are not touched")
        .noneSatisfy(p -> assertThat(p.getMetadata().getName()).isEqualTo("crashing"));

    client.namespaces().withName(faulty).edit(n -> {
      n.getMetadata().setAnnotations(java.util.Map.of());
      return n;
    });

    await().until(() -> container(client.pods().inNamespace(faulty).withName("crashing").get()).getReady()
        && container(client.pods().inNamespace(faulty).withName("unready").get()).getReady());
  }

  private String waiting(String namespace, String name) {
    Pod pod = client.pods().inNamespace(namespace).withName(name).get();
    if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        || pod.getStatus().getContainerStatuses().isEmpty()) {
      return "";
    }
    var state = container(pod).getState();
    return state == null || state.getWaiting() == null ? "" : state.getWaiting().getReason();
  }

  private void createPod(String name, String image) {
    client.resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage(image).endContainer().endSpec().build()).create();
  }

  private Pod get(String name) {
    return client.pods().inNamespace(ns).withName(name).get();
  }

  private String phase(String name) {
    Pod pod = get(name);
    return pod == null || pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  private static ContainerStatus container(Pod pod) {
    return pod.getStatus().getContainerStatuses().get(0);
  }
}
