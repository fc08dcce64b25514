package io.milvus.operator.render;

/**
 * What makes a component's pods of one version or another: the image, the config checksum when config changes
 * restart pods ({@code updateConfigMapOnly: false}; null otherwise), and the spec revision (see
 * {@code adopt.SpecRevision}) the pod template was rendered for, so that any change the user makes to the spec rolls,
 * not only an image change. A rollout moves components from one revision to the next in dependency order.
 *
 * @param specRevision null where the spec does not count (a revision read from an image alone)
 */
public record PodRevision(String image, String configChecksum, String specRevision) {

  public PodRevision(String image, String configChecksum) {
    this(image, configChecksum, null);
  }

  public static PodRevision ofImage(String image) {
    return new PodRevision(image, null);
  }

  /** This revision, rendered for the spec of revision {@code revision}. */
  public PodRevision forSpec(String revision) {
    return new PodRevision(image, configChecksum, revision);
  }
}
