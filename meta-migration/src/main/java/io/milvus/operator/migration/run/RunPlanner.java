package io.milvus.operator.migration.run;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.meta.Keyspace;
import io.milvus.operator.migration.meta.MetaConverter;
import io.milvus.operator.migration.meta.MetaKeys;
import io.milvus.operator.migration.meta.MigrationPlan;
import io.milvus.operator.migration.support.KeyspaceDigest;
import io.milvus.operator.migration.version.SemVer;
import java.util.List;
import java.util.SortedMap;

/**
 * Decides what {@code run} does, from the keyspace alone, so that a run interrupted at any point can be started
 * again. The write order that makes this possible:
 * <ol>
 *   <li>put the new 2.2 keys (2.1 data untouched: a crash here is undone by simply running again);</li>
 *   <li>put the progress marker (the commit point);</li>
 *   <li>re-encode collections, delete 2.1 keys (a crash here is resumed from the marker);</li>
 *   <li>delete the marker.</li>
 * </ol>
 */
public final class RunPlanner {
  private static final int EXAMPLES = 5;

  private RunPlanner() {}

  public static RunDecision decide(Keyspace keyspace, SemVer source, SemVer target, String now) {
    ByteString markerValue = keyspace.get(MetaKeys.PROGRESS_MARKER);
    SortedMap<String, ByteString> created = keyspace.underAny(MetaKeys.CREATED_22);
    if (markerValue != null) {
      return resume(keyspace, ProgressMarker.decode(markerValue), created);
    }
    MigrationPlan plan = MetaConverter.convert(keyspace);
    MigrationPlan pending = plan.pendingAgainst(keyspace);
    if (pending.isEmpty()) {
      return new RunDecision.AlreadyMigrated(plan);
    }
    List<String> foreign = created.keySet().stream().filter(key -> !plan.additions().containsKey(key)).toList();
    if (!foreign.isEmpty()) {
      return new RunDecision.Refuse("found " + foreign.size() + " keys of the 2.2 layout that converting this 2.1 "
          + "metadata does not produce (e.g. " + foreign.subList(0, Math.min(EXAMPLES, foreign.size()))
          + "): the keyspace is neither plain 2.1 nor left by a crashed run of this tool; restore the backup first");
    }
    ProgressMarker marker = new ProgressMarker(source.toString(), target.toString(),
        KeyspaceDigest.of(plan.additions()), plan.additions().size(), now, "");
    return new RunDecision.Fresh(pending, marker);
  }

  private static RunDecision resume(Keyspace keyspace, ProgressMarker marker, SortedMap<String, ByteString> created) {
    String found = KeyspaceDigest.of(created);
    if (!found.equals(marker.digest())) {
      return new RunDecision.Refuse("an earlier run stopped after writing " + marker.newKeys() + " new 2.2 keys, "
          + "but the " + created.size() + " keys now under the 2.2 prefixes differ from what it wrote (digest "
          + KeyspaceDigest.abbreviate(found) + " instead of " + KeyspaceDigest.abbreviate(marker.digest())
          + "); something changed them since: restore the backup with rollback");
    }
    return new RunDecision.Resume(MetaConverter.finish(keyspace).pendingAgainst(keyspace), marker);
  }
}
