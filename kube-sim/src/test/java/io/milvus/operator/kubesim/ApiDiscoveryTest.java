package io.milvus.operator.kubesim;

import static io.milvus.operator.kubesim.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

class ApiDiscoveryTest {

  @Test
  void discoveryListsTheBuiltInKindsAndEachStoredCustomResourceDefinition() {
    try (KubeSim sim = KubeSim.start(); KubernetesClient client = sim.newClient()) {
      assertThat(client.getApiGroups().getGroups()).extracting(APIGroup::getName).contains("apps", "batch");
      assertThat(client.getApiResources("v1").getResources())
          .filteredOn(r -> r.getName().equals("pods")).singleElement()
          .satisfies(pods -> {
            assertThat(pods.getKind()).isEqualTo("Pod");
            assertThat(pods.getNamespaced()).isTrue();
            assertThat(pods.getShortNames()).containsExactly("po");
          });
      assertThat(client.getApiResources("apps/v1").getResources()).extracting(APIResource::getName)
          .contains("deployments", "deployments/status", "deployments/scale", "statefulsets");

      client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
          .withNewMetadata().withName("milvuses.milvus.io").endMetadata()
          .withNewSpec().withGroup("milvus.io").withScope("Namespaced")
            .withNewNames().withKind("Milvus").withPlural("milvuses").withSingular("milvus").withShortNames("mi").endNames()
            .addNewVersion().withName("v1beta1").withServed(true).withStorage(true)
              .withNewSubresources().withNewStatus().endStatus().endSubresources()
            .endVersion()
          .endSpec().build()).create();

      await().until(() -> client.getApiGroups().getGroups().stream().anyMatch(g -> g.getName().equals("milvus.io")));
      assertThat(client.getApiResources("milvus.io/v1beta1").getResources()).extracting(APIResource::getName)
          .containsExactly("milvuses", "milvuses/status");
    }
  }

  @Test
  void onlyTheFourDiscoveryPathsAreAnswered() {
    assertThat(ApiDiscovery.isDiscoveryPath("/api")).isTrue();
    assertThat(ApiDiscovery.isDiscoveryPath("/apis?timeout=32s")).isTrue();
    assertThat(ApiDiscovery.isDiscoveryPath("/api/v1")).isTrue();
    assertThat(ApiDiscovery.isDiscoveryPath("/apis/apps/v1")).isTrue();
    assertThat(ApiDiscovery.isDiscoveryPath("/api/v1/pods")).isFalse();
    assertThat(ApiDiscovery.isDiscoveryPath("/apis/apps/v1/deployments")).isFalse();
    assertThat(ApiDiscovery.document("/apis/unknown.io/v1", java.util.List.of())).isNull();
  }
}
