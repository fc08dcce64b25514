package io.milvus.operator.rollout;

import java.util.Arrays;
import java.util.Optional;

/**
 * How far the operator goes when the requested version is more than one supported step away, chosen by the annotation
 * {@code milvus.io/upgrade-path} on the Milvus.
 */
public enum PathPolicy {
  /** Milvus's upgrade guide: one minor line at a time, each on its latest patch, plus every required stop. */
  RECOMMENDED("recommended"),
  /** Only the stops Milvus requires (for example 2.5.16 or later before 2.6), then the requested version. */
  REQUIRED("required"),
  /** No walk: a jump Milvus does not support is refused, as this operator did before it planned paths. */
  REFUSE("refuse");

  /** The policy of a Milvus without the annotation. */
  public static final PathPolicy DEFAULT = RECOMMENDED;

  private final String wire;

  PathPolicy(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The policy an annotation value names; empty for anything else (the caller reports it). */
  public static Optional<PathPolicy> of(String value) {
    return Arrays.stream(values()).filter(p -> p.wire.equals(value)).findFirst();
  }
}
