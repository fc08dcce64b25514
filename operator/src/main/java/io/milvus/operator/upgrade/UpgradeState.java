package io.milvus.operator.upgrade;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a MilvusUpgrade, spelled exactly as upstream writes them into {@code status.state} (misspellings
 * included), so resources and scripts made for either operator keep working.
 */
public enum UpgradeState {
  PENDING(""),
  OLD_VERSION_STOPPING("OldVersionStopping"),
  BACKUP_META("BackupMeta"),
  BACKUP_META_FAILED("BakupMetaFailed"),
  UPDATING_META("UpdatingMeta"),
  UPDATE_META_FAILED("UpdateMetaFailed"),
  NEW_VERSION_STARTING("NewVersionStarting"),
  SUCCEEDED("Succeeded"),
  ROLLBACK_NEW_VERSION_STOPPING("RollbackNewVersionStopping"),
  ROLLBACK_RESTORING_OLD_META("RollbackRestoringOldMeta"),
  ROLLBACK_OLD_VERSION_STARTING("RollbackOldVersionStarting"),
  ROLLBACK_SUCCEEDED("RollbackedSucceeded"),
  ROLLBACK_FAILED("RollbackFailed");

  /** The states from which {@code operation: rollback} (or a failure) starts a rollback, as upstream. */
  private static final Set<UpgradeState> ROLLBACK_ENTRY = EnumSet.of(PENDING, OLD_VERSION_STOPPING, BACKUP_META,
      BACKUP_META_FAILED, UPDATING_META, UPDATE_META_FAILED, NEW_VERSION_STARTING, SUCCEEDED);

  private final String text;

  UpgradeState(String text) {
    this.text = text;
  }

  /** The value of {@code status.state}. */
  public String text() {
    return text;
  }

  /** Unknown or missing text counts as Pending, as upstream. */
  public static UpgradeState of(String text) {
    String t = text == null ? "" : text;
    return Arrays.stream(values()).filter(s -> s.text.equals(t)).findFirst().orElse(PENDING);
  }

  public boolean canStartRollback() {
    return ROLLBACK_ENTRY.contains(this);
  }

  /** Finished for good, with Milvus running: another MilvusUpgrade of the same Milvus may start. */
  public boolean isFinished() {
    return this == SUCCEEDED || this == ROLLBACK_SUCCEEDED;
  }

  /** A condition reason must not be empty: Pending is spelled out there. */
  public String reason() {
    return this == PENDING ? "Pending" : text;
  }
}
