package io.milvus.operator.rollout;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How far the operator goes when the requested version is more than one supported step away, chosen by the annotation
 * {@code milvus.io/upgrade-path} on the Milvus.
 */
public enum PathPolicy {
  /** Milvus's upgrade guide: one minor line at a time, each on its latest patch, plus every required stop. */
  RECOMMENDED("recommended", "the latest patch of every minor on the way, the default"),
  /** Only the stops Milvus requires (for example 2.5.16 or later before 2.6), then the requested version. */
  REQUIRED("required", "only the stops Milvus requires"),
  /** No walk: a jump Milvus does not support is refused, as this operator did before it planned paths. */
  REFUSE("refuse", "no walk: a jump Milvus does not support is refused");

  /** The policy of a Milvus without the annotation. */
  public static final PathPolicy DEFAULT = RECOMMENDED;

  private final String wire;
  private final String meaning;

  PathPolicy(String wire, String meaning) {
    this.wire = wire;
    this.meaning = meaning;
  }

  public String wire() {
    return wire;
  }

  /** The policy an annotation value names; empty for anything else (the caller reports it). */
  public static Optional<PathPolicy> of(String value) {
    return Arrays.stream(values()).filter(p -> p.wire.equals(value)).findFirst();
  }

  /**
   * Why the annotation's value cannot be acted on, with the values it takes; empty for an absent or known value. The
   * unsafe-upgrade override has nothing to do with it: only a valid value (or none) lets the operator plan.
   */
  public static Optional<String> problem(String annotationKey, String value) {
    if (value == null || of(value).isPresent()) {
      return Optional.empty();
    }
    return Optional.of("The annotation " + annotationKey + ": \"" + value + "\" is not a value it takes: "
        + Arrays.stream(values()).map(p -> p.wire + " (" + p.meaning + ")").collect(Collectors.joining(", "))
        + ". Nothing was changed; set one of these or remove the annotation.");
  }
}
