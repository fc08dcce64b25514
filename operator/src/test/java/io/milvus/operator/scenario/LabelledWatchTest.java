package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.javaoperatorsdk.operator.Operator;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.cli.MilvusOperator;
import io.milvus.operator.reconcile.OperatorSettings;
import io.milvus.operator.status.ObservedState.DependencyHealth;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With thousands of workloads in a cluster, the operator must hold only its own: every list and watch it makes of a
 * kind it owns asks the API server for the objects labelled as managed by it, so nothing else reaches its caches.
 */
class LabelledWatchTest {

  private static final List<String> OWNED_KINDS = List.of("deployments", "statefulsets", "services", "configmaps",
      "secrets", "persistentvolumeclaims", "pods", "jobs");

  private final OperatorHarness cluster = OperatorHarness.start();
  private final List<String> operatorRequests = new CopyOnWriteArrayList<>();
  private KubernetesClient recordingClient;
  private Operator operator;

  @AfterEach
  void stop() {
    operator.stop();
    recordingClient.close();
    cluster.close(); // stops the harness's operator a second time: harmless
  }

  @Test
  void theOperatorWatchesOnlyWhatItLabelledAndReadsNoSingleObject() {
    cluster.stopOperator();
    startRecordingOperator();
    cluster.ns().apps().deployments().resource(anotherAppsDeployment()).create();

    cluster.create(TestMilvus.SEED);
    cluster.awaitStatus("my-release", "Healthy");

    List<String> ownedKindReads = operatorRequests.stream()
        .filter(r -> OWNED_KINDS.stream().anyMatch(kind -> r.contains("/" + kind + "?")))
        .toList();
    assertThat(ownedKindReads).as("the operator lists and watches the kinds it owns").isNotEmpty();
    assertThat(ownedKindReads).allSatisfy(request ->
        assertThat(request).containsAnyOf("labelSelector=app.kubernetes.io/managed-by=milvus-operator",
            "labelSelector=milvus.io/upgrade"));
    assertThat(operatorRequests).noneMatch(r -> r.contains("my-release-sidecar"));
    assertThat(operatorRequests).as("the caches answer every read of a single object")
        .noneMatch(r -> r.startsWith("GET ") && r.contains("/namespaces/"));
  }

  /** A Deployment of the user's own that carries the Milvus's instance label, as dashboards often make. */
  private static Deployment anotherAppsDeployment() {
    Map<String, String> labels = Map.of("app.kubernetes.io/instance", "my-release", "app", "sidecar");
    return new DeploymentBuilder()
        .withNewMetadata().withName("my-release-sidecar").withLabels(labels).endMetadata()
        .withNewSpec().withNewSelector().withMatchLabels(labels).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("sidecar").withImage("busybox").endContainer().endSpec()
        .endTemplate().endSpec()
        .build();
  }

  private void startRecordingOperator() {
    Interceptor recorder = new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
        operatorRequests.add(request.method() + " " + URLDecoder.decode(request.uri().toString(), StandardCharsets.UTF_8));
      }
    };
    recordingClient = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl(cluster.sim.url()).withNamespace("default").build())
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("recorder", recorder))
        .build();
    operator = MilvusOperator.create(recordingClient, OperatorSettings.standard()
        .withProbe((what, endpoints) -> new DependencyHealth(true, "reachable (test)")), Set.of(),
        OperatorHarness.RESYNC);
    operator.start();
  }
}
