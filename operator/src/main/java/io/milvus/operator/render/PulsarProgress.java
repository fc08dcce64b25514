package io.milvus.operator.render;

import io.milvus.operator.render.InClusterPulsar.Part;
import java.util.Set;

/**
 * How far an in-cluster Pulsar has come up, as observed: which parts have all their pods ready, and which
 * initialisation Jobs completed.
 */
public record PulsarProgress(Set<Part> readyParts, boolean bookieInitDone, boolean metadataInitDone) {

  public static final PulsarProgress NOTHING = new PulsarProgress(Set.of(), false, false);

  public boolean ready(Part part) {
    return readyParts.contains(part);
  }

  /**
   * Milvus can use Pulsar once brokers and the proxy serve: both initialisation Jobs have completed (BookKeeper's
   * cluster and Pulsar's metadata exist) and every broker and proxy pod passes its readiness probe.
   */
  public boolean serving() {
    return bookieInitDone && metadataInitDone && ready(Part.BROKER) && ready(Part.PROXY);
  }
}
