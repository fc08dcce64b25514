package io.milvus.operator.migration.version;

import io.milvus.operator.migration.config.Command;

/** The version rules of the upstream tool, as a pure function of (command, source, target). */
public final class VersionGate {
  public static final SemVer V2_1_0 = SemVer.of(2, 1, 0);
  public static final SemVer V2_2_0 = SemVer.of(2, 2, 0);
  public static final SemVer V2_3_0 = SemVer.of(2, 3, 0);

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

  public static GateDecision check(Command command, SemVer source, SemVer target) {
    return switch (command) {
      case BACKUP -> known(source)
          ? new GateDecision.Proceed()
          : new GateDecision.Refuse("source version " + source + " is neither 2.1.x nor 2.2.x");
      case RUN -> checkRun(source, target);
      case ROLLBACK -> known(source) && known(target)
          ? new GateDecision.Proceed()
          : new GateDecision.Refuse("rollback needs source and target versions in 2.1.x or 2.2.x, got "
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
    if (!in22x(target)) {
      return new GateDecision.Refuse("run migrates to 2.2.x only; target version is " + target);
    }
    return new GateDecision.Proceed();
  }
}
