package io.milvus.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.MilvusDefaults;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.cli.Main;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Command;

/**
 * Nothing in a pod template depends on when or by which operator build it was rendered: a new operator release, or
 * the same one a second later, renders the same pods, so an operator upgrade restarts none.
 */
class PodTemplateStabilityTest {

  private static final KubernetesSerialization YAML = new KubernetesSerialization();
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}");
  private static final Pattern EPOCH_MILLIS = Pattern.compile("\\b1[6-9]\\d{11}\\b");
  /** The operator's own version, as its command line reports it, or any key naming an operator version. */
  private static final Pattern OPERATOR_VERSION = Pattern.compile("(?i:operator[-_./]?version)|-SNAPSHOT|(?<![\\d.])"
      + Pattern.quote(operatorVersion()) + "(?![\\d.])");

  static Stream<String> milvuses() {
    return GoldenRenderingTest.milvuses().stream().map(a -> (String) a.get()[1]);
  }

  @Test
  void renderingTwiceGivesTheSamePods() {
    // Time cannot enter: ArchitectureTest forbids clock reads in render/. What is left to vary is iteration order,
    // random names and identity hashes, which a second rendering would show.
    List<List<String>> first = milvuses().map(m -> podTemplates(m, OperatorDefaults.standard())).toList();
    List<List<String>> second = milvuses().map(m -> podTemplates(m, OperatorDefaults.standard())).toList();

    assertThat(second).isEqualTo(first);
  }

  @ParameterizedTest
  @MethodSource("milvuses")
  void podTemplatesCarryNoTimestampAndNoOperatorVersion(String milvusYaml) {
    assertThat(podTemplates(milvusYaml, OperatorDefaults.standard())).allSatisfy(template -> {
      assertThat(TIMESTAMP.matcher(template).find()).as("timestamp in %s", template).isFalse();
      assertThat(EPOCH_MILLIS.matcher(template).find()).as("epoch time in %s", template).isFalse();
      assertThat(OPERATOR_VERSION.matcher(template).find()).as("operator version in %s", template).isFalse();
    });
  }

  @Test
  void anotherOperatorDefaultImageLeavesAMilvusThatNamesItsImageAlone() {
    String seed = TestMilvus.SEED;

    assertThat(podTemplates(seed, new OperatorDefaults("milvusdb/milvus:v9.9.9")))
        .isEqualTo(podTemplates(seed, OperatorDefaults.standard()));
  }

  private static String operatorVersion() {
    String[] words = Main.class.getAnnotation(Command.class).version()[0].split(" ");
    return words[words.length - 1];
  }

  private static List<String> podTemplates(String milvusYaml, OperatorDefaults defaults) {
    Milvus milvus = TestMilvus.parse(milvusYaml);
    DesiredState desired = MilvusRenderer.render(
        RenderContext.of(milvus, MilvusDefaults.apply(milvus.getSpec(), defaults)));
    return Stream.concat(desired.deployments().values().stream(), desired.dependencies().stream())
        .map(PodTemplateStabilityTest::template)
        .filter(t -> t != null)
        .map(YAML::asYaml)
        .toList();
  }

  private static PodTemplateSpec template(HasMetadata object) {
    if (object instanceof Deployment d) {
      return d.getSpec().getTemplate();
    }
    if (object instanceof StatefulSet s) {
      return s.getSpec().getTemplate();
    }
    return null;
  }
}
