package io.milvus.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.MilvusDefaults;
import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.api.ReleaseTopologies;
import io.milvus.operator.api.ReleaseTopology;
import io.milvus.operator.render.MilvusComponent;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UpgradePathsTest {

  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of("2.1.4", "2.4.23", "MilvusUpgrade"),
        Arguments.of("2.1.4", "2.2.0", "MilvusUpgrade"),
        Arguments.of("2.0.2", "2.2.14", "MilvusUpgrade"),
        Arguments.of("2.1.0", "2.1.4", null),
        Arguments.of("2.2.3", "2.4.23", null),
        Arguments.of("2.4.23", "2.5.16", null),
        Arguments.of("2.5.4", "2.6.0", "v2.5.16"),
        Arguments.of("2.4.23", "2.6.5", "v2.5.16"),
        Arguments.of("2.5.16", "2.6.5", null),
        Arguments.of("2.5.20", "2.6.11", null),
        Arguments.of("2.6.5", "2.6.11", null),
        Arguments.of("2.4.23", "2.4.5", null));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("paths")
  void refusesOnlyTheJumpsMilvusDoesNotSupport(String from, String to, String mentions) {
    var refusal = UpgradePaths.standard().refusal(MilvusVersion.parse(from).orElseThrow(),
        MilvusVersion.parse(to).orElseThrow());
    if (mentions == null) {
      assertThat(refusal).isEmpty();
    } else {
      assertThat(refusal).hasValueSatisfying(m -> assertThat(m).contains(mentions, "v" + from, "v" + to));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("knownReleases")
  void everyReleaseAHopStopsOnRunsTheComponentsOfItsLineAsTheDefaultsGiveThem(MilvusVersion release) {
    ReleaseTopology line = ReleaseTopologies.standard().at(release);
    var spec = MilvusDefaults.apply(TestMilvus.withSpec("m", "{mode: cluster, components: {image: 'milvusdb/milvus:"
        + release + "'}}").getSpec(), OperatorDefaults.standard());

    var components = MilvusComponent.activeIn(spec);

    assertThat(spec.getDependencies().getMsgStreamType()).isEqualTo(line.defaultQueue(true));
    assertThat(components.contains(MilvusComponent.INDEX_NODE)).isEqualTo(line.indexNode());
    assertThat(components.contains(MilvusComponent.STREAMING_NODE))
        .isEqualTo(line.streamingNode() == ReleaseTopology.Presence.REQUIRED);
    assertThat(components).contains(MilvusComponent.MIX_COORD, MilvusComponent.PROXY, MilvusComponent.QUERY_NODE,
        MilvusComponent.DATA_NODE);
  }

  static Stream<MilvusVersion> knownReleases() {
    return UpgradePaths.standard().latestPatches().stream();
  }
}
