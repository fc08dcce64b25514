package io.milvus.operator.migration.version;

import io.milvus.operator.migration.config.Command;

/** The version rules of the upstream tool, as a pure function of (command, source, target). */
public final class VersionGate {
  public static final SemVer V2_1_0 = SemVer.of(2, 1, 0);
  public static final SemVer V2_2_0 = SemVer.of(2, 2, 0);
  public static final SemVer V2_3_0 = SemVer.of(2, 3, 0);
  public static final SemVer V3_0_0 = SemVer.of(3, 0, 0);

  private VersionGate() {}

  /** [2.1.0, 2.2.0): metadata in the 2.1 layout. */
  public static boolean in21x(SemVer v) {
    return v.isAtLeast(V2_1_0) && v.isBefore(V2_2_0);
  }

  /** [2.2.0, 2.3.0): metadata in the 2.2 layout. */
  public static boolean in22x(SemVer v) {
    return v.isAtLeast(V2_2_0) && v.isBefore(V2_3_0);
  }

  private static boolean known(SemVer v) {
    return in21x(v) || in22x(v);
  }

  /** 2.2.0 and every later 2.x: they all start from the 2.2 layout (2.3+ upgrade it themselves on start). */
  static boolean reads22Layout(SemVer v) {
    return v.isAtLeast(V2_2_0) && v.isBefore(V3_0_0);
  }

  public static GateDecision check(Command command, SemVer source, SemVer target) {
    return switch (command) {
      case BACKUP -> known(source)
          ? new GateDecision.Proceed()
          : new GateDecision.Refuse("source version " + source + " is neither 2.1.x nor 2.2.x");
      case RUN -> checkRun(source, target);
      case ROLLBACK -> known(source) && (known(target) || reads22Layout(target))
          ? new GateDecision.Proceed()
          : new GateDecision.Refuse("rollback needs a 2.1.x or 2.2.x source and a 2.x target, got "
              + source + " -> " + target);
    };
  }

  private static GateDecision checkRun(SemVer source, SemVer target) {
    if (target.isBefore(source)) {
      return new GateDecision.Refuse("target version " + target + " is older than source version " + source);
    }
    if (target.isBefore(V2_2_0)) {
      return new GateDecision.NoNeed("version compatible, no need to migrate (" + source + " -> " + target + ")");
    }
    if (!in21x(source)) {
      return new GateDecision.Refuse("run migrates from 2.1.x only; source version is " + source);
    }
    if (!reads22Layout(target)) {
      return new GateDecision.Refuse("run migrates to the 2.2 layout, read by Milvus 2.2 to 2.x; target version is "
          + target);
    }
    if (!in22x(target)) {
      // upstream refuses here, yet the documented upgrade path is 2.1.x -> 2.4.x with this very tool
      return new GateDecision.Proceed("target " + target + " is newer than 2.2.x: writing the 2.2 layout, which "
          + "Milvus " + target + " reads and upgrades by itself on start");
    }
    return new GateDecision.Proceed();
  }
}
