package io.milvus.operator.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Layouts of the Go operator this one does not implement are named; those it does pass. */
class UnsupportedLayoutTest {

  static Deployment deployment(String name, String component, Map<String, String> extra) {
    return new DeploymentBuilder().withNewMetadata().withName(name)
        .addToLabels("app.kubernetes.io/component", component).addToLabels(extra).endMetadata().build();
  }

  @Test
  void oneDeploymentPerComponentAndTheQueryNodePairPass() {
    assertThat(UnsupportedLayout.refusal("m", List.of(deployment("m-milvus-proxy", "proxy", Map.of()),
        deployment("m-milvus-querynode-0", "querynode", Map.of()),
        deployment("m-milvus-querynode-1", "querynode", Map.of())))).isEmpty();
  }

  @Test
  void rollingMode3PairsAreRefused() {
    assertThat(UnsupportedLayout.refusal("m", List.of(deployment("m-milvus-proxy-0", "proxy", Map.of()))))
        .hasValueSatisfying(reason -> assertThat(reason).contains("m-milvus-proxy-0", "rollingMode 3", "Nothing"));
  }

  @Test
  void deploymentGroupsAreRefused() {
    assertThat(UnsupportedLayout.refusal("m", List.of(deployment("m-milvus-proxy-edge", "proxy",
        Map.of(UnsupportedLayout.DEPLOYMENT_GROUP, "edge")))))
        .hasValueSatisfying(reason -> assertThat(reason).contains("deployment group edge"));
  }

  @Test
  void aMilvusWhoseNameEndsLikeAPairIsNotMistaken() {
    assertThat(UnsupportedLayout.refusal("db-1", List.of(deployment("db-1-milvus-proxy", "proxy", Map.of()))))
        .isEmpty();
  }
}
