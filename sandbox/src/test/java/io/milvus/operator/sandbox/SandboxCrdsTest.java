package io.milvus.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.milvus.operator.kubesim.KubeSim;
import io.milvus.operator.kubesim.KubeSimOptions;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's start installs the CRDs even where they are there already: on a loaded machine the client may give up
 * waiting for a create that succeeded, and its retry then meets the CRD (409 AlreadyExists).
 */
class SandboxCrdsTest {

  @Test
  void installingTheCrdsWhereTheyExistKeepsOneOfEachAndDoesNotFail() {
    try (KubeSim sim = KubeSim.start(KubeSimOptions.defaults()); KubernetesClient client = sim.newClient()) {
      SandboxCluster.installCrds(client);
      SandboxCluster.installCrds(client);

      assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems())
          .extracting(crd -> crd.getMetadata().getName())
          .containsExactlyInAnyOrder("milvuses.milvus.io", "milvusupgrades.milvus.io");
      assertThat(client.apiextensions().v1().customResourceDefinitions().withName("milvuses.milvus.io").get())
          .extracting(CustomResourceDefinition::getSpec).isNotNull();
    }
  }
}
