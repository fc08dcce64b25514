package io.milvus.operator.upgrade;

import io.milvus.operator.api.MilvusPhase;

/**
 * The Milvus's own report of itself, as its reconciler wrote it.
 *
 * @param status {@code status.status}: Pending, Healthy, Unhealthy, Stopped
 * @param updated condition MilvusUpdated is True
 * @param currentImage {@code status.currentImage}, advanced only once Milvus is ready and updated on an image
 * @param current the status describes the latest spec ({@code status.observedGeneration == metadata.generation})
 * @param summary why it is not healthy, from its conditions, for messages
 */
public record MilvusHealth(String status, boolean updated, String currentImage, boolean current, String summary) {

  /** Milvus serves clients on {@code image} and reports it for its latest spec. */
  public boolean runs(String image) {
    return current && MilvusPhase.HEALTHY.is(status) && updated && image.equals(currentImage);
  }
}
