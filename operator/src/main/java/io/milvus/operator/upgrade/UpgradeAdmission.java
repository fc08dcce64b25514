package io.milvus.operator.upgrade;

import io.fabric8.kubernetes.api.model.Condition;
import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.api.ValidationProblem;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.api.v1beta1.MilvusUpgradeSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Pure: whether an upgrade may start, checked before anything is touched. Upstream checks only the versions (and
 * only in a webhook that is off by default); here a refusal is a condition and an Event, and the Milvus is left as
 * it is.
 */
public final class UpgradeAdmission {

  public static final String REASON_INVALID = "InvalidSpec";
  public static final String REASON_MILVUS_INVALID = "MilvusSpecInvalid";
  public static final String REASON_IN_PROGRESS = "AnotherUpgradeInProgress";
  public static final String REASON_SOURCE_MISMATCH = "SourceVersionMismatch";
  public static final String REASON_AUTOSCALED = "ExternallyScaledReplicas";
  public static final String REASON_NO_BACKUP_PVC = "BackupPVCNotFound";
  public static final String REASON_MILVUS_NOT_OBSERVED = "MilvusNotObservedYet";

  private UpgradeAdmission() {}

  /**
   * @param problems what {@link io.milvus.operator.api.MilvusUpgradeValidator} found
   * @param milvus the Milvus the upgrade names, if it exists
   * @param siblings the other MilvusUpgrades of the same Milvus
   * @param backupPvcExists whether the user's {@code backupPVC} exists (true when the operator makes its own)
   */
  public static Optional<Refusal> check(MilvusUpgrade upgrade, MilvusUpgradeSpec spec, List<ValidationProblem> problems,
      Optional<MilvusView> milvus, List<MilvusUpgrade> siblings, boolean backupPvcExists) {
    if (!problems.isEmpty()) {
      return Optional.of(Refusal.invalid(REASON_INVALID, "The MilvusUpgrade is invalid, nothing was touched: "
          + problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "))));
    }
    Optional<Refusal> missing = milvusMissing(upgrade, milvus);
    if (missing.isPresent()) {
      return missing;
    }
    MilvusView m = milvus.orElseThrow();
    if (m.specRefusal().isPresent()) {
      return Optional.of(Refusal.invalid(REASON_MILVUS_INVALID, "Milvus " + m.displayName() + " does not accept"
          + " changes to its spec (" + m.specRefusal().get() + "): fix it first; nothing was touched"));
    }
    if (!m.health().current()) {
      return Optional.of(Refusal.invalid(REASON_MILVUS_NOT_OBSERVED, "Milvus " + m.displayName() + " has no status"
          + " for its current spec yet: the upgrade starts once its reconciler has reported which version it runs;"
          + " nothing was touched"));
    }
    Optional<MilvusUpgrade> ahead = siblings.stream().filter(other -> isAhead(other, upgrade)).findFirst();
    if (ahead.isPresent()) {
      MilvusUpgrade other = ahead.get();
      return Optional.of(Refusal.invalid(REASON_IN_PROGRESS, "MilvusUpgrade " + other.getMetadata().getNamespace()
          + "/" + other.getMetadata().getName() + " already upgrades Milvus " + m.displayName()
          + ": this one waits until it has succeeded or rolled back, or is deleted; nothing was touched"));
    }
    Optional<Refusal> mismatch = sourceMismatch(spec, m);
    if (mismatch.isPresent()) {
      return mismatch;
    }
    if (!m.externallyScaled().isEmpty()) {
      return Optional.of(Refusal.invalid(REASON_AUTOSCALED, "Milvus " + m.displayName() + " leaves the replicas of "
          + String.join(", ", m.externallyScaled()) + " to an autoscaler (replicas: -1): the upgrade cannot stop and"
          + " restore deployment groups. Set explicit replicas on the groups first; nothing was touched"));
    }
    if (!backupPvcExists) {
      return Optional.of(Refusal.invalid(REASON_NO_BACKUP_PVC, "PersistentVolumeClaim " + spec.getBackupPVC()
          + " (spec.backupPVC) does not exist in namespace " + upgrade.getMetadata().getNamespace()
          + ": create it, or leave backupPVC empty to let the operator create one; nothing was touched"));
    }
    return Optional.empty();
  }

  /** Upstream's condition when the Milvus cannot be read. */
  public static Optional<Refusal> milvusMissing(MilvusUpgrade upgrade, Optional<MilvusView> milvus) {
    if (milvus.isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new Refusal(UpgradeConditions.CHECKING, UpgradeConditions.REASON_GET_MILVUS_FAILED,
        "Milvus " + targetNamespace(upgrade) + "/" + targetName(upgrade) + " not found; nothing was touched"));
  }

  /** The namespace of the Milvus: the named one, else the upgrade's own (upstream requires it to be named). */
  public static String targetNamespace(MilvusUpgrade upgrade) {
    var ref = upgrade.getSpec() == null ? null : upgrade.getSpec().getMilvus();
    String named = ref == null ? null : ref.getNamespace();
    return named == null || named.isBlank() ? upgrade.getMetadata().getNamespace() : named;
  }

  /** The name of the Milvus, or "" when the spec names none (the validator reports that). */
  public static String targetName(MilvusUpgrade upgrade) {
    var ref = upgrade.getSpec() == null ? null : upgrade.getSpec().getMilvus();
    return ref == null || ref.getName() == null ? "" : ref.getName();
  }

  private static Optional<Refusal> sourceMismatch(MilvusUpgradeSpec spec, MilvusView m) {
    MilvusVersion source = MilvusVersion.parse(spec.getSourceVersion()).orElseThrow();
    String fix = "set sourceVersion to the version Milvus runs, or wait until it runs " + source + "; nothing was"
        + " touched";
    if (m.runningVersion().isEmpty() || m.specVersion().isEmpty()) {
      return Optional.of(Refusal.invalid(REASON_SOURCE_MISMATCH, "Cannot tell which version Milvus "
          + m.displayName() + " runs from its image " + m.image() + ": set spec.components.version on the Milvus, or "
          + fix));
    }
    MilvusVersion running = m.runningVersion().get();
    MilvusVersion wanted = m.specVersion().get();
    if (running.compareTo(source) != 0) {
      return Optional.of(Refusal.invalid(REASON_SOURCE_MISMATCH, "Milvus " + m.displayName() + " runs " + running
          + ", not the sourceVersion " + source + ": " + fix));
    }
    if (wanted.compareTo(source) != 0) {
      return Optional.of(Refusal.invalid(REASON_SOURCE_MISMATCH, "Milvus " + m.displayName() + " is being moved to "
          + wanted + " (spec.components.image " + m.image() + "): an image change is in progress; " + fix));
    }
    return Optional.empty();
  }

  /**
   * Whether {@code other} holds the Milvus before {@code upgrade}: it has started and not finished, or it is an older
   * one that was not refused and is about to start. Ties break by name so two new ones never both start.
   */
  static boolean isAhead(MilvusUpgrade other, MilvusUpgrade upgrade) {
    if (Objects.equals(other.getMetadata().getUid(), upgrade.getMetadata().getUid())
        && other.getMetadata().getName().equals(upgrade.getMetadata().getName())
        && Objects.equals(other.getMetadata().getNamespace(), upgrade.getMetadata().getNamespace())) {
      return false;
    }
    UpgradeState state = other.getStatus() == null ? UpgradeState.PENDING
        : UpgradeState.of(other.getStatus().getState());
    if (state != UpgradeState.PENDING) {
      return !state.isFinished();
    }
    return !refused(other) && other.getMetadata().getDeletionTimestamp() == null && OLDER_FIRST.compare(other, upgrade) < 0;
  }

  private static final Comparator<MilvusUpgrade> OLDER_FIRST = Comparator
      .comparing((MilvusUpgrade u) -> Optional.ofNullable(u.getMetadata().getCreationTimestamp()).orElse(""))
      .thenComparing(u -> Optional.ofNullable(u.getMetadata().getNamespace()).orElse(""))
      .thenComparing(u -> u.getMetadata().getName());

  private static boolean refused(MilvusUpgrade other) {
    List<Condition> conditions = other.getStatus() == null ? null : other.getStatus().getConditions();
    return conditions != null && conditions.stream().anyMatch(c -> UpgradeConditions.FALSE.equals(c.getStatus())
        && (UpgradeConditions.ACCEPTED.equals(c.getType()) || UpgradeConditions.CHECKING.equals(c.getType())));
  }
}
