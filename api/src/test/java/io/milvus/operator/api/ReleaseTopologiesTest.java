package io.milvus.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvus.operator.api.ReleaseTopology.Coordinators;
import io.milvus.operator.api.ReleaseTopology.Presence;
import io.milvus.operator.api.v1beta1.Component;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each Milvus release line runs, as release-topologies.yaml says, and the defaults that follow from it. */
class ReleaseTopologiesTest {

  private static final ReleaseTopologies LINES = ReleaseTopologies.standard();

  @ParameterizedTest(name = "{0}: index nodes {1}, streaming nodes {2}, standalone queue {3}")
  @CsvSource({
      "v2.2.16, true, OPTIONAL, rocksmq, MIX_COORD_OR_SEPARATE",
      "v2.5.26, true, OPTIONAL, rocksmq, MIX_COORD_OR_SEPARATE",
      "v2.6.0-rc1, true, OPTIONAL, rocksmq, MIX_COORD_OR_SEPARATE",
      "v2.6.0, false, REQUIRED, woodpecker, MIX_COORD",
      "v2.6.11, false, REQUIRED, woodpecker, MIX_COORD",
      "v1.1.0, true, OPTIONAL, rocksmq, MIX_COORD_OR_SEPARATE"})
  void theShippedLinesSayWhatMilvusReleasesRun(String version, boolean indexNode, Presence streaming, String queue,
      Coordinators coordinators) {
    ReleaseTopology line = LINES.at(MilvusVersion.parse(version).orElseThrow());

    assertThat(line.indexNode()).isEqualTo(indexNode);
    assertThat(line.streamingNode()).isEqualTo(streaming);
    assertThat(line.defaultQueue(false)).isEqualTo(queue);
    assertThat(line.defaultQueue(true)).isEqualTo("pulsar");
    assertThat(line.coordinators()).isEqualTo(coordinators);
  }

  @Test
  void anImageWhoseTagNamesNoVersionRunsTheOldestLinesShape() {
    assertThat(LINES.of(Optional.empty())).isEqualTo(LINES.lines().get(0));
    assertThat(LINES.of(null, "milvusdb/milvus:latest")).isEqualTo(LINES.lines().get(0));
    assertThat(LINES.of("v2.6.3", "milvusdb/milvus:latest").streamingNode()).as("the version field wins")
        .isEqualTo(Presence.REQUIRED);
  }

  @Test
  void theDefaultsOfASpecFollowItsLine() {
    MilvusSpec v25 = MilvusDefaults.apply(cluster("milvusdb/milvus:v2.5.26"), OperatorDefaults.standard());
    MilvusSpec v26 = MilvusDefaults.apply(cluster("milvusdb/milvus:v2.6.11"), OperatorDefaults.standard());

    assertThat(v25.getComponents().getIndexNode()).isNotNull();
    assertThat(v25.getComponents().getStreamingNode()).as("optional below 2.6: only with streamingMode").isNull();
    assertThat(v25.getComponents().getMixCoord()).isNotNull();
    assertThat(v26.getComponents().getIndexNode()).isNull();
    assertThat(v26.getComponents().getStreamingNode()).isNotNull();
    assertThat(v26.getComponents().getMixCoord()).isNotNull();
    assertThat(MilvusDefaults.apply(standalone("milvusdb/milvus:v2.5.26"), OperatorDefaults.standard())
        .getDependencies().getMsgStreamType()).isEqualTo("rocksmq");
    assertThat(MilvusDefaults.apply(standalone("milvusdb/milvus:v2.6.11"), OperatorDefaults.standard())
        .getDependencies().getMsgStreamType()).isEqualTo("woodpecker");
  }

  @Test
  void separateCoordinatorsAreDefaultedTogetherWhereTheLineAllowsThem() {
    MilvusSpec v25 = cluster("milvusdb/milvus:v2.5.26");
    v25.getComponents().setRootCoord(new Component());
    MilvusSpec v26 = cluster("milvusdb/milvus:v2.6.11");
    v26.getComponents().setRootCoord(new Component());

    MilvusComponents classic = MilvusDefaults.apply(v25, OperatorDefaults.standard()).getComponents();
    MilvusComponents streaming = MilvusDefaults.apply(v26, OperatorDefaults.standard()).getComponents();

    assertThat(classic.getDataCoord()).isNotNull();
    assertThat(classic.getIndexCoord()).isNotNull();
    assertThat(classic.getMixCoord()).isNull();
    assertThat(streaming.getMixCoord()).as("2.6 runs one mixCoord whatever the spec names").isNotNull();
    assertThat(streaming.getDataCoord()).isNull();
  }

  @Test
  void aNewLineIsAnEntryOfData() {
    ReleaseTopologies lines = ReleaseTopologies.parse(yaml("""
        topologies:
          - {since: v3.0.0, coordinators: separate, indexNode: false, streamingNode: none,
             standaloneQueue: natsmq, clusterQueue: kafka}
          - {since: v2.0.0, coordinators: mixCoord-or-separate, indexNode: true, streamingNode: optional,
             standaloneQueue: rocksmq, clusterQueue: pulsar}
        """));

    ReleaseTopology v3 = lines.at(MilvusVersion.parse("v3.1.0").orElseThrow());

    assertThat(lines.lines()).extracting(ReleaseTopology::since).isSorted();
    assertThat(v3.runsSeparateCoordinators(false)).isTrue();
    assertThat(v3.runsStreamingNodes(true)).isFalse();
    assertThat(v3.defaultQueue(true)).isEqualTo("kafka");
    assertThat(lines.at(MilvusVersion.parse("v2.4.0").orElseThrow()).runsStreamingNodes(true)).isTrue();
  }

  @Test
  void aLineNamingAnUnknownQueueIsRefusedWhenRead() {
    assertThatThrownBy(() -> ReleaseTopologies.parse(yaml("""
        topologies:
          - {since: v2.0.0, coordinators: mixCoord, indexNode: true, streamingNode: optional,
             standaloneQueue: carrier-pigeon, clusterQueue: pulsar}
        """))).hasMessageContaining("carrier-pigeon");
  }

  private static MilvusSpec cluster(String image) {
    MilvusSpec spec = standalone(image);
    spec.setMode(MilvusDefaults.MODE_CLUSTER);
    return spec;
  }

  private static MilvusSpec standalone(String image) {
    MilvusSpec spec = new MilvusSpec();
    spec.setComponents(new MilvusComponents());
    spec.getComponents().setImage(image);
    return spec;
  }

  private static ByteArrayInputStream yaml(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
