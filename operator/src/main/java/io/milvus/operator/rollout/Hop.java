package io.milvus.operator.rollout;

import io.milvus.operator.api.MilvusVersion;

/** One step of an upgrade path: a rolling upgrade to a version, or a change of shape at a version. */
public record Hop(MilvusVersion version, Step step) {

  public enum Step {
    /** An ordinary rolling upgrade (or downgrade) of every component to {@code version}. */
    ROLLING("rolling"),
    /** At {@code version}, the separate root/data/query/index coordinators are replaced by one mixCoord. */
    MIX_COORD("mixCoord");

    private final String wire;

    Step(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public static Hop rolling(MilvusVersion version) {
    return new Hop(version, Step.ROLLING);
  }

  public static Hop mixCoord(MilvusVersion version) {
    return new Hop(version, Step.MIX_COORD);
  }

  /** As the status and Events name it: {@code v2.5.26} or {@code v2.5.26 mixCoord}. */
  @Override
  public String toString() {
    return step == Step.ROLLING ? version.toString() : version + " " + step.wire();
  }
}
