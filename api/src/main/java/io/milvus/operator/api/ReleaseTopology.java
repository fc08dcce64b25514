package io.milvus.operator.api;

/**
 * What the releases of a Milvus line run, from {@code since} on (release-topologies.yaml, read by
 * {@link ReleaseTopologies}).
 *
 * @param indexNode whether the line has index nodes
 * @param standaloneQueue the message queue of a new standalone Milvus whose spec names none
 * @param clusterQueue the message queue of a new cluster whose spec names none
 */
public record ReleaseTopology(MilvusVersion since, Coordinators coordinators, boolean indexNode,
    Presence streamingNode, MessageQueue standaloneQueue, MessageQueue clusterQueue) {

  /** How coordinators run in a release line. */
  public enum Coordinators {
    /** Root, data, query and index coordinators, each its own Deployment. */
    SEPARATE,
    /** One mixCoord, unless the spec names a separate coordinator. */
    MIX_COORD_OR_SEPARATE,
    /** One mixCoord only. */
    MIX_COORD
  }

  /** Whether a release line has a component: never, if the user asks for it, or always. */
  public enum Presence { NONE, OPTIONAL, REQUIRED }

  /** The queue of a new Milvus whose spec names none. */
  public String defaultQueue(boolean cluster) {
    return (cluster ? clusterQueue : standaloneQueue).wire();
  }

  /** Whether a cluster of this line runs separate coordinators, given whether its spec names any. */
  public boolean runsSeparateCoordinators(boolean specNamesOne) {
    return switch (coordinators) {
      case SEPARATE -> true;
      case MIX_COORD_OR_SEPARATE -> specNamesOne;
      case MIX_COORD -> false;
    };
  }

  /** Whether a cluster of this line runs streaming nodes, given {@code spec.components.streamingMode}. */
  public boolean runsStreamingNodes(boolean streamingMode) {
    return streamingNode == Presence.REQUIRED || streamingNode == Presence.OPTIONAL && streamingMode;
  }
}
