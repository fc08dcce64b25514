package io.milvus.operator.render;

/**
 * What makes a component's pods of one version or another: the image, and the config checksum when config changes
 * restart pods ({@code updateConfigMapOnly: false}; null otherwise). A rollout moves components from one revision to
 * the next in dependency order, whether the image or the config changed.
 */
public record PodRevision(String image, String configChecksum) {

  public static PodRevision ofImage(String image) {
    return new PodRevision(image, null);
  }
}
