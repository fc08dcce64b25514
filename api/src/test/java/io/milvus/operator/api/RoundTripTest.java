package io.milvus.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.api.v1beta1.MilvusUpgradeSpec;
import io.milvus.operator.api.v1beta1.MilvusUpgradeStatus;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static io.milvus.operator.api.TestResources.JSON;
import static io.milvus.operator.api.TestResources.KUBERNETES;
import static org.assertj.core.api.Assertions.assertThat;

/** The operator reads a resource, changes it and writes it back: nothing the user wrote may be lost. */
class RoundTripTest {

  private static final String EVERY_FIELD_MILVUS = "resources/milvus-every-field.yaml";
  private static final String EVERY_FIELD_UPGRADE = "resources/milvusupgrade-every-field.yaml";

  @Test
  @DisplayName("a Milvus setting every upstream field, and unknown ones, is written back exactly as read")
  void everyMilvusFieldSurvivesARoundTrip() {
    String yaml = TestResources.text(EVERY_FIELD_MILVUS);

    Milvus milvus = KUBERNETES.unmarshal(yaml, Milvus.class);

    assertThat(TestResources.treeOf(milvus)).isEqualTo(TestResources.treeOfYaml(yaml));
  }

  @Test
  @DisplayName("a MilvusUpgrade setting every upstream field, and unknown ones, is written back exactly as read")
  void everyMilvusUpgradeFieldSurvivesARoundTrip() {
    String yaml = TestResources.text(EVERY_FIELD_UPGRADE);

    MilvusUpgrade upgrade = KUBERNETES.unmarshal(yaml, MilvusUpgrade.class);

    assertThat(TestResources.treeOf(upgrade)).isEqualTo(TestResources.treeOfYaml(yaml));
    assertThat(upgrade.getStatus().getReplicasBeforeUpgrade().getQueryNode()).isEqualTo(2);
  }

  @Test
  @DisplayName("the every-field Milvus really sets every property of the model, spec and status")
  void theMilvusFixtureCoversTheWholeModel() {
    JsonNode document = TestResources.treeOfYaml(TestResources.text(EVERY_FIELD_MILVUS));

    assertThat(unset(MilvusSpec.class, document.get("spec"))).isEmpty();
    assertThat(unset(MilvusStatus.class, document.get("status"))).isEmpty();
  }

  @Test
  @DisplayName("the every-field MilvusUpgrade really sets every property of the model, spec and status")
  void theMilvusUpgradeFixtureCoversTheWholeModel() {
    JsonNode document = TestResources.treeOfYaml(TestResources.text(EVERY_FIELD_UPGRADE));

    assertThat(unset(MilvusUpgradeSpec.class, document.get("spec"))).isEmpty();
    assertThat(unset(MilvusUpgradeStatus.class, document.get("status"))).isEmpty();
  }

  @Test
  @DisplayName("unknown fields land in the object they were written in, at any depth")
  void unknownFieldsAreKeptWhereTheyWereWritten() {
    Milvus milvus = TestResources.milvus(EVERY_FIELD_MILVUS);
    var spec = milvus.getSpec();

    assertThat(spec.getAdditionalProperties()).containsEntry("futureTopLevelSetting", "keep-me");
    assertThat(spec.getComponents().getAdditionalProperties()).containsKey("futureSharedSetting");
    assertThat(spec.getComponents().getProxy().getAdditionalProperties()).containsEntry("futureProxySetting", 7);
    assertThat(spec.getComponents().getProxy().getGroups().get(0).getAdditionalProperties())
        .containsEntry("futureGroupSetting", true);
    assertThat(spec.getDependencies().getStorage().getSsl().getAdditionalProperties())
        .containsEntry("futureTlsSetting", "strict");
    assertThat(spec.getDependencies().getWoodpecker().getQuorumBufferPools().get(0).getAdditionalProperties())
        .containsEntry("futurePoolSetting", "us-east-1");
    assertThat(milvus.getStatus().getComponentsDeployStatus().get("proxy").getAdditionalProperties())
        .containsEntry("futureDeployField", "x");
  }

  @Test
  @DisplayName("when the operator changes the image, the fields it does not know are still written")
  void aReadModifyWriteKeepsUnknownFields() {
    Milvus milvus = TestResources.milvus(EVERY_FIELD_MILVUS);

    milvus.getSpec().getComponents().setImage("milvusdb/milvus:v2.6.12");
    JsonNode written = TestResources.treeOf(milvus);

    assertThat(written.at("/spec/futureTopLevelSetting").asText()).isEqualTo("keep-me");
    assertThat(written.at("/spec/components/queryNode/futureNodeSetting/deep/deeper").asText()).isEqualTo("x");
    assertThat(written.at("/spec/components/image").asText()).isEqualTo("milvusdb/milvus:v2.6.12");
  }

  @Test
  @DisplayName("unset fields stay unset: false and 0 are written only when the user wrote them")
  void unsetFieldsAreNotWritten() {
    Milvus milvus = TestResources.milvus("resources/seed/milvus.yaml");

    JsonNode written = TestResources.treeOf(milvus);

    assertThat(written.get("spec")).isEqualTo(TestResources.treeOfYaml(
        "components: {enableRollingUpdate: true, imageUpdateMode: rollingUpgrade, image: milvusdb/milvus:v2.4.23}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"milvus.yaml", "milvus-update-all.yaml", "milvus-image-change.yaml"})
  @DisplayName("the seed document's Milvus resources deserialise")
  void seedMilvusResourcesDeserialise(String file) {
    Milvus milvus = TestResources.milvus("resources/seed/" + file);

    assertThat(milvus.getMetadata().getName()).isEqualTo("my-release");
    assertThat(milvus.getSpec().getComponents().getImage()).isEqualTo("milvusdb/milvus:v2.4.23");
  }

  @Test
  @DisplayName("the seed document's MilvusUpgrade deserialises")
  void seedMilvusUpgradeDeserialises() {
    MilvusUpgrade upgrade = TestResources.milvusUpgrade("resources/seed/milvusupgrade.yaml");

    assertThat(upgrade.getSpec().getMilvus().getNamespace()).isEqualTo("default");
    assertThat(upgrade.getSpec().getMilvus().getName()).isEqualTo("my-release");
    assertThat(upgrade.getSpec().getSourceVersion()).isEqualTo("v2.1.4");
    assertThat(upgrade.getSpec().getTargetVersion()).isEqualTo("v2.4.23");
  }

  private static Set<String> unset(Class<?> root, JsonNode document) {
    var type = JSON.constructType(root);
    Set<String> missing = new TreeSet<>(ModelCoverage.allProperties(type));
    missing.removeAll(ModelCoverage.setProperties(type, document));
    return missing;
  }
}
