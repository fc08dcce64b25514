package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder;
import io.milvus.operator.api.v1beta1.Milvus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a cluster with the Prometheus operator and an ingress controller, a user asks for an Ingress and metrics, as
 * upstream's samples do, and finds the Ingress's address in the Milvus's status.
 */
class IngressAndPodMonitorTest {

  static OperatorHarness cluster;

  @BeforeAll
  static void startCluster() {
    cluster = OperatorHarness.start();
    cluster.user.resource(cluster.user.getKubernetesSerialization().unmarshal(
        IngressAndPodMonitorTest.class.getResourceAsStream("/crds/podmonitors.monitoring.coreos.com.yaml"),
        CustomResourceDefinition.class)).create();
    await().atMost(OperatorHarness.PATIENCE)
        .until(() -> cluster.user.supports("monitoring.coreos.com/v1", "PodMonitor"));
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void anIngressAndAPodMonitorAreMadeAndTheIngressAddressIsReported() {
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: exposed, namespace: default}
        spec:
          components:
            image: milvusdb/milvus:v2.4.23
            metricLabels: {cluster: prod}
            standalone:
              ingress:
                hosts: [milvus.example.com]
                ingressClassName: nginx
                tlsSecretRefs: {milvus-tls: [milvus.example.com]}
        """);
    cluster.awaitStatus("exposed", "Healthy");

    Ingress ingress = cluster.ns().network().v1().ingresses().withName("exposed-milvus").get();
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getHost()).isEqualTo("milvus.example.com");
      assertThat(rule.getHttp().getPaths().get(0).getBackend().getService().getName()).isEqualTo("exposed-milvus");
      assertThat(rule.getHttp().getPaths().get(0).getBackend().getService().getPort().getNumber()).isEqualTo(19530);
    });
    assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls ->
        assertThat(tls.getSecretName()).isEqualTo("milvus-tls"));

    GenericKubernetesResource monitor = cluster.user.genericKubernetesResources("monitoring.coreos.com/v1", "PodMonitor")
        .inNamespace("default").withName("exposed").get();
    assertThat(monitor).isNotNull();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> endpoints = (List<Map<String, Object>>) ((Map<String, Object>) monitor
        .getAdditionalProperties().get("spec")).get("podMetricsEndpoints");
    assertThat(endpoints).extracting(e -> e.get("port")).containsExactly("metrics", "client");
    assertThat(endpoints.get(0).get("metricRelabelings")).asString().contains("targetLabel=cluster");

    // the ingress controller publishes its address
    ingress.setStatus(new IngressStatusBuilder().withNewLoadBalancer()
        .withIngress(new IngressLoadBalancerIngressBuilder().withIp("203.0.113.7").build()).endLoadBalancer().build());
    cluster.ns().network().v1().ingresses().resource(ingress).updateStatus();
    await().atMost(OperatorHarness.PATIENCE).ignoreExceptions().untilAsserted(() ->
        assertThat(cluster.get("exposed").getStatus().getIngress().getLoadBalancer().getIngress().get(0).getIp())
            .isEqualTo("203.0.113.7"));
  }

  @Test
  void theIngressAndThePodMonitorGoWhenTheSpecNoLongerAsksForThem() {
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: withdrawn, namespace: default}
        spec:
          components:
            image: milvusdb/milvus:v2.4.23
            standalone:
              ingress: {hosts: [withdrawn.example.com]}
        """);
    cluster.awaitStatus("withdrawn", "Healthy");
    await().atMost(OperatorHarness.PATIENCE).until(() -> podMonitor("withdrawn") != null
        && cluster.ns().network().v1().ingresses().withName("withdrawn-milvus").get() != null);

    edit("withdrawn", m -> {
      m.getSpec().getComponents().getStandalone().setIngress(null);
      m.getSpec().getComponents().setDisableMetric(true);
    });

    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> {
      assertThat(cluster.ns().network().v1().ingresses().withName("withdrawn-milvus").get()).isNull();
      assertThat(podMonitor("withdrawn")).isNull();
    });
    assertThat(cluster.get("withdrawn").getStatus().getIngress()).isNull();
    // the Events are written after the deletes they tell of
    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> assertThat(cluster.eventsAbout("withdrawn"))
        .extracting(e -> e.getMessage())
        .contains("Removed Ingress withdrawn-milvus: the spec no longer has an ingress",
            "Removed PodMonitor withdrawn: metrics are off (spec.components.disableMetric)"));
  }

  @Test
  void aUsersOwnIngressOfTheSameNameIsLeftAloneAndReported() {
    Ingress theirs = cluster.ns().network().v1().ingresses().resource(new IngressBuilder()
        .withNewMetadata().withName("taken-milvus").endMetadata()
        .withNewSpec().withIngressClassName("theirs").addNewRule().withHost("theirs.example.com").endRule().endSpec()
        .build()).create();
    cluster.create("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata: {name: taken, namespace: default}
        spec:
          components:
            image: milvusdb/milvus:v2.4.23
            standalone:
              ingress: {hosts: [milvus.example.com], ingressClassName: nginx}
        """);
    cluster.awaitStatus("taken", "Healthy");

    await().atMost(OperatorHarness.PATIENCE).untilAsserted(() -> assertThat(cluster.eventsAbout("taken"))
        .anySatisfy(e -> {
          assertThat(e.getType()).isEqualTo("Warning");
          assertThat(e.getMessage()).startsWith("Ingress taken-milvus exists and is not this Milvus's");
        }));
    Ingress now = cluster.ns().network().v1().ingresses().withName("taken-milvus").get();
    assertThat(now.getMetadata().getResourceVersion()).as("never written").isEqualTo(
        theirs.getMetadata().getResourceVersion());

    edit("taken", m -> m.getSpec().getComponents().getStandalone().setIngress(null));
    await().during(Duration.ofSeconds(3)).atMost(OperatorHarness.PATIENCE).untilAsserted(() ->
        assertThat(cluster.ns().network().v1().ingresses().withName("taken-milvus").get()).as("not deleted")
            .isNotNull());
  }

  /** What {@code kubectl edit milvus <name>} does. */
  private static void edit(String name, Consumer<Milvus> change) {
    cluster.user.resources(Milvus.class).inNamespace("default").withName(name)
        .edit(m -> {
          change.accept(m);
          return m;
        });
  }

  private static GenericKubernetesResource podMonitor(String name) {
    return cluster.user.genericKubernetesResources("monitoring.coreos.com/v1", "PodMonitor").inNamespace("default")
        .withName(name).get();
  }
}
