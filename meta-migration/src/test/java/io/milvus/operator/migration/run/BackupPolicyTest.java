package io.milvus.operator.migration.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.backup.BackupFile;
import io.milvus.operator.migration.fixtures.Meta21Fixture;
import io.milvus.operator.migration.meta.Keyspace;
import io.milvus.operator.migration.meta.MetaConverter;
import io.milvus.operator.migration.meta.MetaKeys;
import io.milvus.operator.migration.run.BackupPolicy.RunBackup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BackupPolicyTest {
  private static final String ROOT = "by-dev/meta";
  private static final Keyspace PLAIN_21 = Keyspace.of(Meta21Fixture.keyspace21());
  private static final Keyspace MIGRATED = Keyspace.of(Meta21Fixture.expected22());

  private static SortedMap<ByteString, ByteString> absolute(Keyspace keyspace) {
    SortedMap<ByteString, ByteString> out = new TreeMap<>(ByteString.unsignedLexicographicalComparator());
    keyspace.entries().forEach((k, v) -> out.put(ByteString.copyFromUtf8(ROOT + "/" + k), v));
    return out;
  }

  private static RunBackup forRun(Keyspace keyspace, Optional<BackupFile> existing) {
    RunDecision decision = RunPlanner.decide(keyspace, MemoryRun.SOURCE, MemoryRun.TARGET, "now");
    return BackupPolicy.forRun(decision, keyspace, absolute(keyspace), ROOT, existing, Optional.empty());
  }

  @Test
  void aBackupFileIsReplacedOnlyByABackupOfPlain21Metadata() {
    assertThat(BackupPolicy.whyNotReplace(PLAIN_21, true)).isEmpty();
    assertThat(BackupPolicy.whyNotReplace(MIGRATED, false)).as("a new file is always fine").isEmpty();
    assertThat(BackupPolicy.whyNotReplace(MIGRATED, true)).hasValueSatisfying(why -> assertThat(why)
        .contains("not plain 2.1").contains("keys of the 2.2 layout"));
    assertThat(BackupPolicy.whyNotReplace(Keyspace.of(new TreeMap<>()), true)).hasValueSatisfying(why ->
        assertThat(why).contains("no metadata"));
  }

  @Test
  void aFreshRunWritesItsBackupOrReusesOneOfExactlyTheSameMetadata() {
    assertThat(forRun(PLAIN_21, Optional.empty())).isEqualTo(new RunBackup.Write(absolute(PLAIN_21)));

    BackupFile same = BackupFile.fullDump(ROOT, absolute(PLAIN_21));
    assertThat(forRun(PLAIN_21, Optional.of(same))).isInstanceOf(RunBackup.Reuse.class);

    SortedMap<ByteString, ByteString> older = absolute(PLAIN_21);
    older.remove(older.firstKey());
    assertThat(forRun(PLAIN_21, Optional.of(BackupFile.fullDump(ROOT, older)))).isInstanceOf(RunBackup.Refuse.class);
    assertThat(forRun(PLAIN_21, Optional.of(BackupFile.fullDump("other/meta", absolute(PLAIN_21)))))
        .isInstanceOf(RunBackup.Refuse.class);
  }

  @Test
  void aRerunBeforeTheMarkerComparesTheFileWithTheMetadataMinusItsOwnNewKeys() {
    RunDecision.Fresh fresh = (RunDecision.Fresh) RunPlanner.decide(PLAIN_21, MemoryRun.SOURCE, MemoryRun.TARGET, "");
    Keyspace halfWritten = PLAIN_21.apply(fresh.pending().additions(), List.of());
    BackupFile firstAttempt = BackupFile.fullDump(ROOT, absolute(PLAIN_21));

    assertThat(forRun(halfWritten, Optional.of(firstAttempt))).isInstanceOf(RunBackup.Reuse.class);
    assertThat(forRun(halfWritten, Optional.empty())).as("rebuilt: the 2.1 metadata, not the half-written keys")
        .isEqualTo(new RunBackup.Write(absolute(PLAIN_21)));
  }

  @Test
  void aResumedRunReliesOnlyOnTheBackupItsMarkerRecorded() {
    BackupFile taken = BackupFile.fullDump(ROOT, absolute(PLAIN_21));
    ProgressMarker marker = new ProgressMarker("2.1.4", "2.2.0", "d", 1, "", taken.digest());
    RunDecision resume = new RunDecision.Resume(MetaConverter.finish(MIGRATED), marker);
    Keyspace halfway = MIGRATED.apply(Map.of(MetaKeys.PROGRESS_MARKER, marker.encode()), List.of());

    assertThat(BackupPolicy.forRun(resume, halfway, absolute(halfway), ROOT, Optional.of(taken), Optional.empty()))
        .isInstanceOf(RunBackup.Reuse.class);
    BackupFile other = BackupFile.fullDump(ROOT, absolute(MIGRATED));
    assertThat(BackupPolicy.forRun(resume, halfway, absolute(halfway), ROOT, Optional.of(other), Optional.empty()))
        .isInstanceOf(RunBackup.Refuse.class);
    assertThat(BackupPolicy.forRun(resume, halfway, absolute(halfway), ROOT, Optional.empty(), Optional.empty()))
        .isInstanceOf(RunBackup.Refuse.class);
  }

  @Test
  void aRunWithNothingToMigrateNeedsNoBackupAndLeavesTheFileAlone() {
    BackupFile of21 = BackupFile.fullDump(ROOT, absolute(PLAIN_21));

    assertThat(forRun(MIGRATED, Optional.of(of21))).isInstanceOf(RunBackup.NotNeeded.class);
  }

  @Test
  void anUnreadableBackupFileIsNeverReplaced() {
    RunDecision decision = RunPlanner.decide(PLAIN_21, MemoryRun.SOURCE, MemoryRun.TARGET, "");

    assertThat(BackupPolicy.forRun(decision, PLAIN_21, absolute(PLAIN_21), ROOT, Optional.empty(),
        Optional.of("the header announces 44 entries, the file holds 43"))).isInstanceOf(RunBackup.Refuse.class);
  }
}
