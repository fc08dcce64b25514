package io.milvus.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CRDs the build generates stay backward compatible with those of the last release (released-crds/): what users
 * stored keeps validating and keeps its fields. See released-crds/README.md.
 */
class CrdCompatibilityTest {

  private static final String MILVUS = "milvuses.milvus.io-v1.yml";
  private static final String SPEC = "/spec/versions/0/schema/openAPIV3Schema/properties/spec";

  @ParameterizedTest
  @ValueSource(strings = {MILVUS, "milvusupgrades.milvus.io-v1.yml"})
  void todaysCrdIsCompatibleWithTheLastRelease(String crd) {
    List<String> findings = CrdCompatibility.check(released(crd), generated(crd)).stream()
        .map(CrdCompatibility.Finding::toString)
        .filter(f -> !accepted().contains(f))
        .toList();

    assertThat(findings).as("incompatible with released-crds/%s (see released-crds/README.md)", crd).isEmpty();
  }

  @Test
  void theReleasedCrdIsCompatibleWithItself() {
    assertThat(CrdCompatibility.check(released(MILVUS), released(MILVUS))).isEmpty();
  }

  @Test
  void aRemovedFieldIsFound() {
    assertThat(findingsAfter(crd -> properties(crd, SPEC + "/properties/components").remove("image")))
        .containsExactly("versions[v1beta1].spec.components.image: field removed");
  }

  @Test
  void aRetypedFieldIsFound() {
    assertThat(findingsAfter(crd -> field(crd, SPEC + "/properties/components/properties/image").put("type", "integer")))
        .containsExactly("versions[v1beta1].spec.components.image: type \"string\" became \"integer\"");
  }

  @Test
  void aNewlyRequiredFieldIsFound() {
    assertThat(findingsAfter(crd -> field(crd, SPEC).putArray("required").add("mode")))
        .containsExactly("versions[v1beta1].spec.mode: newly required");
  }

  @Test
  void narrowingsAreFound() {
    assertThat(findingsAfter(crd -> {
      field(crd, SPEC + "/properties/components/properties/image").put("maxLength", 10);
      field(crd, SPEC + "/properties/mode").putArray("enum").add("cluster");
      ((ArrayNode) field(crd, SPEC + "/properties/components/properties/imageUpdateMode")
          .withArray("x-kubernetes-validations")).addObject().put("rule", "self != 'all'");
    })).containsExactlyInAnyOrder(
        "versions[v1beta1].spec.components.image: maxLength (none) became 10",
        "versions[v1beta1].spec.mode: enum added: [\"cluster\"]",
        "versions[v1beta1].spec.components.imageUpdateMode: new validation rule: self != 'all'");
  }

  @Test
  void pruningAndAnUnservedVersionAreFound() {
    assertThat(findingsAfter(crd -> field(crd, SPEC).remove("x-kubernetes-preserve-unknown-fields")))
        .containsExactly("versions[v1beta1].spec: x-kubernetes-preserve-unknown-fields removed: unknown fields would "
            + "be pruned");
    assertThat(findingsAfter(crd -> field(crd, "/spec/versions/0").put("served", false)))
        .containsExactly("versions[v1beta1]: version no longer served");
  }

  @Test
  void additionsAndLooseningsAreCompatible() {
    assertThat(findingsAfter(crd -> {
      properties(crd, SPEC + "/properties/components").putObject("newOptionalField").put("type", "string");
      field(crd, SPEC + "/properties/mode").remove("x-kubernetes-validations");
    })).isEmpty();
  }

  private static List<String> findingsAfter(Consumer<ObjectNode> change) {
    JsonNode released = released(MILVUS);
    ObjectNode changed = released.deepCopy();
    change.accept(changed);
    return CrdCompatibility.check(released, changed).stream().map(CrdCompatibility.Finding::toString).toList();
  }

  private static ObjectNode field(ObjectNode crd, String pointer) {
    JsonNode node = crd.at(pointer);
    if (!node.isObject()) {
      throw new IllegalArgumentException("no schema at " + pointer);
    }
    return (ObjectNode) node;
  }

  private static ObjectNode properties(ObjectNode crd, String pointer) {
    return (ObjectNode) field(crd, pointer).get("properties");
  }

  private static JsonNode released(String crd) {
    return TestResources.treeOfYaml(TestResources.text("released-crds/" + crd));
  }

  private static JsonNode generated(String crd) {
    return TestResources.treeOfYaml(TestResources.text("META-INF/fabric8/" + crd));
  }

  private static List<String> accepted() {
    return TestResources.text("released-crds/accepted-changes.txt").lines()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }
}
