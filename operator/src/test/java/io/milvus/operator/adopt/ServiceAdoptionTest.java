package io.milvus.operator.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The client Service keeps what its clients depend on. */
class ServiceAdoptionTest {

  static final Map<String, String> SERVING = Map.of("app.kubernetes.io/instance", "m", "app.kubernetes.io/name",
      "milvus", "app.kubernetes.io/managed-by", "milvus-operator", "app.kubernetes.io/component", "proxy",
      "milvus.io/service", "true");

  static Service service(String type, Map<String, String> selector, Integer nodePort) {
    return new ServiceBuilder().withNewMetadata().withName("m-milvus").endMetadata()
        .withNewSpec().withType(type).withSelector(selector)
          .addNewPort().withName("milvus").withPort(19530).withNodePort(nodePort)
            .withTargetPort(new IntOrString("milvus")).endPort()
        .endSpec().build();
  }

  static final Map<String, String> OURS = Map.of("app.kubernetes.io/instance", "m", "app.kubernetes.io/name", "milvus",
      "milvus.io/service", "true");

  @Test
  void upstreamsSelectorIsKeptWhileItSelectsTheServingPods() {
    Map<String, String> upstream = Map.of("app.kubernetes.io/instance", "m", "app.kubernetes.io/name", "milvus",
        "app.kubernetes.io/managed-by", "milvus-operator", "milvus.io/service", "true");

    Service desired = ServiceAdoption.desired(service("ClusterIP", OURS, null),
        Optional.of(service("ClusterIP", upstream, null)), SERVING);

    assertThat(desired.getSpec().getSelector()).isEqualTo(upstream);
  }

  @Test
  void aSelectorThatMissesTheServingPodsIsReplaced() {
    Service desired = ServiceAdoption.desired(service("ClusterIP", OURS, null),
        Optional.of(service("ClusterIP", Map.of("app", "something-else"), null)), SERVING);

    assertThat(desired.getSpec().getSelector()).isEqualTo(OURS);
  }

  @Test
  void anAllocatedNodePortIsKept() {
    Service desired = ServiceAdoption.desired(service("NodePort", OURS, null),
        Optional.of(service("NodePort", OURS, 31530)), SERVING);

    assertThat(desired.getSpec().getPorts().get(0).getNodePort()).isEqualTo(31530);
  }

  @Test
  void aClusterIpServiceGetsNoNodePort() {
    Service desired = ServiceAdoption.desired(service("ClusterIP", OURS, null),
        Optional.of(service("NodePort", OURS, 31530)), SERVING);

    assertThat(desired.getSpec().getPorts().get(0).getNodePort()).isNull();
  }
}
