package io.milvus.operator.render;

/**
 * What makes a component's pods of one version or another: the image, the config checksum when config changes
 * restart pods ({@code updateConfigMapOnly: false}; null otherwise), the spec revision (see
 * {@code adopt.SpecRevision}) the pod template was rendered for, so that any change the user makes to the spec rolls,
 * not only an image change, and the digest of the user's Secret values the pods read at start
 * ({@link ConsumedSecrets}), so that rotating them rolls too. A rollout moves components from one revision to the next
 * in dependency order.
 *
 * @param specRevision null where the spec does not count (a revision read from an image alone)
 * @param secretsChecksum null when the pods read no Secret of the user's
 */
public record PodRevision(String image, String configChecksum, String specRevision, String secretsChecksum) {

  public PodRevision(String image, String configChecksum, String specRevision) {
    this(image, configChecksum, specRevision, null);
  }

  public PodRevision(String image, String configChecksum) {
    this(image, configChecksum, null);
  }

  public static PodRevision ofImage(String image) {
    return new PodRevision(image, null);
  }

  /** This revision, rendered for the spec of revision {@code revision}. */
  public PodRevision forSpec(String revision) {
    return new PodRevision(image, configChecksum, revision, secretsChecksum);
  }

  /** This revision on another image (a component's own). */
  public PodRevision withImage(String otherImage) {
    return new PodRevision(otherImage, configChecksum, specRevision, secretsChecksum);
  }

  /** This revision with the config checksum of another (a held template's own checksum is not this operator's). */
  public PodRevision withConfigChecksum(String checksum) {
    return new PodRevision(image, checksum, specRevision, secretsChecksum);
  }
}
