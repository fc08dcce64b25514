package io.milvus.operator.migration.run;

import io.milvus.operator.migration.meta.MigrationPlan;

/** What {@code run} should do with the keyspace it found. */
public sealed interface RunDecision {
  /** No 2.1 metadata left and no unfinished run: success without writing. */
  record AlreadyMigrated(MigrationPlan plan) implements RunDecision {}

  /** A 2.1 keyspace (possibly with some new keys from a run that crashed before its marker): do everything. */
  record Fresh(MigrationPlan pending, ProgressMarker marker) implements RunDecision {}

  /** A run crashed after its marker: every new key is in place; re-encode, delete and clear the marker. */
  record Resume(MigrationPlan finishing, ProgressMarker marker) implements RunDecision {}

  /** The keyspace is in a state this tool will not touch. */
  record Refuse(String reason) implements RunDecision {}
}
