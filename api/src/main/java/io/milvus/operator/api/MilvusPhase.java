package io.milvus.operator.api;

import java.util.Arrays;
import java.util.Optional;

/** The overall state of a Milvus, {@code status.status}, spelled on the wire as upstream spells it. */
public enum MilvusPhase {
  /** Not ready yet, and never was. */
  PENDING("Pending"),
  HEALTHY("Healthy"),
  /** Was healthy, is not any more. */
  UNHEALTHY("Unhealthy"),
  /** Every replica is 0 on purpose. */
  STOPPED("Stopped"),
  DELETING("Deleting");

  private final String wire;

  MilvusPhase(String wire) {
    this.wire = wire;
  }

  /** The value written to and read from {@code status.status}. */
  public String wire() {
    return wire;
  }

  /** True when a status value is this phase. */
  public boolean is(String status) {
    return wire.equals(status);
  }

  public static Optional<MilvusPhase> of(String status) {
    return Arrays.stream(values()).filter(p -> p.is(status)).findFirst();
  }
}
