package io.milvus.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRDs the build generates stay backward compatible with those of every earlier release (released-crds/<release>/):
 * what users stored under any of them keeps validating and keeps its fields. See released-crds/README.md.
 */
class CrdCompatibilityTest {

  private static final String MILVUS = "milvuses.milvus.io-v1.yml";
  /** The release whose CRD the tests of the checker itself change. */
  private static final String A_RELEASE = "0.1.0";
  private static final String SPEC = "/spec/versions/0/schema/openAPIV3Schema/properties/spec";

  @ParameterizedTest(name = "{1} of release {0}")
  @MethodSource("releasedCrds")
  void todaysCrdIsCompatibleWithEveryEarlierRelease(String release, String crd) {
    List<String> findings = CrdCompatibility.check(released(release, crd), generated(crd)).stream()
        .map(CrdCompatibility.Finding::toString)
        .filter(f -> !accepted().contains(f))
        .toList();

    assertThat(findings).as("incompatible with released-crds/%s/%s (see released-crds/README.md)", release, crd)
        .isEmpty();
  }

  @Test
  void everyReleaseKeepsTheMilvusCrd() {
    assertThat(releases()).isNotEmpty().contains(A_RELEASE)
        .allSatisfy(release -> assertThat(RELEASED.resolve(release).resolve(MILVUS)).exists());
  }

  @Test
  void theReleasedCrdIsCompatibleWithItself() {
    assertThat(CrdCompatibility.check(released(A_RELEASE, MILVUS), released(A_RELEASE, MILVUS))).isEmpty();
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
    JsonNode released = released(A_RELEASE, MILVUS);
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

  private static final Path RELEASED = classpathDirectory("released-crds");

  /** Each release folder's CRD files: every CRD a release shipped is checked. */
  static Stream<Arguments> releasedCrds() {
    return releases().stream().flatMap(release -> list(RELEASED.resolve(release))
        .filter(name -> name.endsWith(".yml"))
        .map(crd -> Arguments.of(release, crd)));
  }

  private static List<String> releases() {
    return list(RELEASED).filter(name -> Files.isDirectory(RELEASED.resolve(name))).toList();
  }

  private static Stream<String> list(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path classpathDirectory(String name) {
    URL url = CrdCompatibilityTest.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("no test resource " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode released(String release, String crd) {
    return TestResources.treeOfYaml(TestResources.text("released-crds/" + release + "/" + crd));
  }

  private static JsonNode generated(String crd) {
    return TestResources.treeOfYaml(TestResources.text("META-INF/fabric8/" + crd));
  }

  private static List<String> accepted() {
    return TestResources.text("released-crds/accepted-changes.txt").lines()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }
}
