package io.milvus.operator.rollout;

import static io.milvus.operator.render.MilvusComponent.DATA_COORD;
import static io.milvus.operator.render.MilvusComponent.DATA_NODE;
import static io.milvus.operator.render.MilvusComponent.INDEX_COORD;
import static io.milvus.operator.render.MilvusComponent.INDEX_NODE;
import static io.milvus.operator.render.MilvusComponent.MIX_COORD;
import static io.milvus.operator.render.MilvusComponent.PROXY;
import static io.milvus.operator.render.MilvusComponent.QUERY_COORD;
import static io.milvus.operator.render.MilvusComponent.QUERY_NODE;
import static io.milvus.operator.render.MilvusComponent.ROOT_COORD;
import static io.milvus.operator.render.MilvusComponent.STANDALONE;
import static io.milvus.operator.render.MilvusComponent.STREAMING_NODE;

import io.milvus.operator.api.ReleaseTopology;
import io.milvus.operator.render.MilvusComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The shapes a Milvus takes, each with the order in which a rolling upgrade replaces its components: a component goes
 * only after those it depends on run the new version, so each one always talks to peers it is compatible with.
 */
public enum Topology {
  STANDALONE_MODE(List.of(STANDALONE)),
  /** Below 2.6, with the four coordinators as separate Deployments. */
  CLASSIC(List.of(INDEX_NODE, ROOT_COORD, DATA_COORD, INDEX_COORD, QUERY_COORD, STREAMING_NODE, QUERY_NODE, DATA_NODE,
      PROXY)),
  /** Below 2.6, with the coordinators in one mixCoord. */
  MIX_COORDINATOR(List.of(INDEX_NODE, MIX_COORD, STREAMING_NODE, QUERY_NODE, DATA_NODE, PROXY)),
  /** 2.6 and later: streaming nodes, no index nodes. */
  STREAMING(List.of(MIX_COORD, STREAMING_NODE, QUERY_NODE, DATA_NODE, PROXY)),
  /**
   * From below 2.6 into 2.6: the streaming nodes come first, then the coordinators; index nodes and separate
   * coordinators of the old shape keep serving until the new ones have taken over, then are removed.
   */
  INTO_STREAMING(List.of(STREAMING_NODE, MIX_COORD, QUERY_NODE, DATA_NODE, PROXY));

  private final List<MilvusComponent> upgradeOrder;

  Topology(List<MilvusComponent> upgradeOrder) {
    this.upgradeOrder = upgradeOrder;
  }

  /** The order of a rolling upgrade; a rolling downgrade goes in exactly the reverse order. */
  public List<MilvusComponent> order(boolean downgrade) {
    if (!downgrade) {
      return upgradeOrder;
    }
    List<MilvusComponent> reversed = new ArrayList<>(upgradeOrder);
    Collections.reverse(reversed);
    return reversed;
  }

  /**
   * @param cluster whether spec.mode is cluster
   * @param separateCoordinators whether root/data/query/index coordinators run as their own Deployments
   * @param running what the version Milvus runs now has (empty: unknown, as for a new Milvus)
   * @param target what the spec's version has
   */
  public static Topology of(boolean cluster, boolean separateCoordinators, Optional<ReleaseTopology> running,
      ReleaseTopology target) {
    if (!cluster) {
      return STANDALONE_MODE;
    }
    if (streaming(target)) {
      return running.filter(r -> !streaming(r)).isPresent() ? INTO_STREAMING : STREAMING;
    }
    return separateCoordinators ? CLASSIC : MIX_COORDINATOR;
  }

  /** A line whose clusters always run streaming nodes, with one mixCoord and no index nodes (2.6 on). */
  private static boolean streaming(ReleaseTopology line) {
    return line.streamingNode() == ReleaseTopology.Presence.REQUIRED;
  }
}
