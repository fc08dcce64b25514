package io.milvus.operator.api;

/** Annotations on a Milvus that the operator reads or writes: part of the API, like the spec's fields. */
public final class MilvusAnnotations {

  /** Set to "true" to let an image change through that the upgrade-path rules refuse (experts only). */
  public static final String ALLOW_UNSAFE_UPGRADE = "milvus.io/allow-unsafe-upgrade";
  /** The MilvusUpgrade that migrated the metadata and so lets the Milvus take its target image. */
  public static final String UNSAFE_UPGRADE_ALLOWED_BY = "milvus.io/unsafe-upgrade-allowed-by";
  /** When a MilvusUpgrade found the Milvus stopped (upstream's name and meaning). */
  public static final String STOPPED_AT = "milvus.io/stopped-at";
  /**
   * Set by a MilvusUpgrade that stopped components whose replicas were -1 (owned by an autoscaler): it restarts them
   * with the live count it recorded, and gives them back (-1) once it has succeeded or rolled back.
   */
  public static final String AUTOSCALED_BEFORE_UPGRADE = "milvus.io/autoscaled-before-upgrade";

  /**
   * How the operator moves a Milvus more than one supported step away from the requested version: {@code recommended}
   * (the default), {@code required} or {@code refuse}; see docs/upgrade-paths.md.
   */
  public static final String UPGRADE_PATH = "milvus.io/upgrade-path";

  /**
   * Upstream's: "true" pauses the reconciliation of this Milvus (nothing is written but the status saying so) until it
   * is removed; deletion still proceeds.
   */
  public static final String PAUSE_RECONCILE = "milvus.io/pause-reconcile";

  private MilvusAnnotations() {}
}
