package io.milvus.operator.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which components each Milvus release line runs and its default message queues, as data
 * ({@code release-topologies.yaml}): the one source that the spec's defaults, the components the operator runs, the
 * rollout order and the upgrade planner read. Read once, when this class is first used; immutable.
 *
 * @param lines ordered by {@code since}
 */
public record ReleaseTopologies(List<ReleaseTopology> lines) {

  private static final String RESOURCE = "release-topologies.yaml";
  private static final ReleaseTopologies STANDARD = read();

  public ReleaseTopologies {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(RESOURCE + " names no release line");
    }
    lines = lines.stream().sorted(Comparator.comparing(ReleaseTopology::since)).toList();
  }

  /** The topologies shipped with the operator. */
  public static ReleaseTopologies standard() {
    return STANDARD;
  }

  /** What releases of {@code version}'s line run; a version older than every line runs the oldest. */
  public ReleaseTopology at(MilvusVersion version) {
    return lines.stream().filter(t -> t.since().compareTo(version) <= 0).reduce((a, b) -> b).orElse(lines.get(0));
  }

  /**
   * What a Milvus of this version runs; an image whose tag names no version ({@code latest}, a digest) runs the
   * oldest line's shape, as the operator always assumed of a version it cannot read.
   */
  public ReleaseTopology of(Optional<MilvusVersion> version) {
    return version.map(this::at).orElse(lines.get(0));
  }

  /** What the Milvus of a spec's {@code components.version} and image runs. */
  public ReleaseTopology of(String explicitVersion, String image) {
    return of(MilvusVersion.of(explicitVersion, image));
  }

  static ReleaseTopologies parse(InputStream yaml) {
    Document doc = Serialization.KUBERNETES.unmarshal(yaml, Document.class);
    return new ReleaseTopologies(doc.topologies.stream().map(ReleaseTopologies::line).toList());
  }

  private static ReleaseTopologies read() {
    try (InputStream in = ReleaseTopologies.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static ReleaseTopology line(TopologyDocument t) {
    return new ReleaseTopology(
        MilvusVersion.parse(t.since).orElseThrow(() -> new IllegalArgumentException("not a version: " + t.since)),
        coordinators(t.coordinators), t.indexNode,
        ReleaseTopology.Presence.valueOf(t.streamingNode.trim().toUpperCase()), queue(t.standaloneQueue),
        queue(t.clusterQueue));
  }

  private static ReleaseTopology.Coordinators coordinators(String text) {
    return switch (text) {
      case "separate" -> ReleaseTopology.Coordinators.SEPARATE;
      case "mixCoord" -> ReleaseTopology.Coordinators.MIX_COORD;
      case "mixCoord-or-separate" -> ReleaseTopology.Coordinators.MIX_COORD_OR_SEPARATE;
      default -> throw new IllegalArgumentException("unknown coordinators: " + text);
    };
  }

  private static MessageQueue queue(String text) {
    return MessageQueue.of(text).orElseThrow(() -> new IllegalArgumentException("unknown message queue: " + text));
  }

  /** The YAML document's shape. */
  static final class Document {
    public List<TopologyDocument> topologies = List.of();
  }

  static final class TopologyDocument {
    public String since;
    public String coordinators;
    public boolean indexNode;
    public String streamingNode;
    public String standaloneQueue;
    public String clusterQueue;
  }
}
