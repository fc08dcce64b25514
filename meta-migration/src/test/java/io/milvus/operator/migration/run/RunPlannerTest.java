package io.milvus.operator.migration.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.backup.BackupFile;
import io.milvus.operator.migration.fixtures.Meta21Fixture;
import io.milvus.operator.migration.meta.Keyspace;
import io.milvus.operator.migration.meta.MetaKeys;
import io.milvus.operator.migration.support.MigrationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RunPlannerTest {
  private static final Keyspace ORIGINAL = Keyspace.of(Meta21Fixture.keyspace21());
  private static final SortedMap<String, ByteString> EXPECTED = Meta21Fixture.expected22();

  @Test
  void aCompleteRunLeavesExactlyThe22LayoutAndNoMarker() {
    MemoryRun.Result result = MemoryRun.run(ORIGINAL, Integer.MAX_VALUE);

    assertThat(result.decision()).isInstanceOf(RunDecision.Fresh.class);
    assertThat(result.keyspace().entries()).isEqualTo(EXPECTED);
    assertThat(RunPlanner.decide(result.keyspace(), MemoryRun.SOURCE, MemoryRun.TARGET, ""))
        .isInstanceOf(RunDecision.AlreadyMigrated.class);
  }

  @Test
  void writesEveryNewKeyAndTheMarkerBeforeDestroyingAnything() {
    RunDecision decision = RunPlanner.decide(ORIGINAL, MemoryRun.SOURCE, MemoryRun.TARGET, "now");
    List<String> steps = RunSteps.of(decision).stream().map(WriteStep::name).toList();

    assertThat(steps).containsExactly(RunSteps.WRITE_NEW_KEYS, RunSteps.RECORD_PROGRESS,
        RunSteps.REENCODE_COLLECTIONS, RunSteps.DELETE_OLD_KEYS, RunSteps.CLEAR_PROGRESS);
    assertThat(RunSteps.of(decision).get(0).puts().keySet())
        .allMatch(key -> MetaKeys.underAny(key, MetaKeys.CREATED_22) && ORIGINAL.get(key) == null);
  }

  @Test
  void aRunInterruptedAfterAnyTransactionFinishesWhenRunAgain() {
    int total = MemoryRun.run(ORIGINAL, Integer.MAX_VALUE).transactions();
    assertThat(total).isGreaterThan(10);
    for (int crashAt = 0; crashAt <= total; crashAt++) {
      Keyspace crashed = MemoryRun.run(ORIGINAL, crashAt).keyspace();

      assertThat(MemoryRun.runToEnd(crashed).entries()).as("crash after %d of %d transactions", crashAt, total)
          .isEqualTo(EXPECTED);
    }
  }

  @Test
  void aRerunThatIsInterruptedToo_stillFinishes() {
    int total = MemoryRun.run(ORIGINAL, Integer.MAX_VALUE).transactions();
    for (int first = 0; first <= total; first += 3) {
      Keyspace once = MemoryRun.run(ORIGINAL, first).keyspace();
      for (int second = 0; second <= 4; second++) {
        Keyspace twice = MemoryRun.run(once, second).keyspace();
        assertThat(MemoryRun.runToEnd(twice).entries()).as("crashes after %d, then %d", first, second)
            .isEqualTo(EXPECTED);
      }
    }
  }

  @Test
  void aRollbackFromAnyInterruptedStateRestoresTheOriginal() {
    String metaRoot = "by-dev/meta";
    Map<ByteString, ByteString> dump = new HashMap<>();
    ORIGINAL.entries().forEach((k, v) -> dump.put(ByteString.copyFromUtf8(metaRoot + "/" + k), v));
    BackupFile backup = BackupFile.fullDump(metaRoot, dump);

    int total = MemoryRun.run(ORIGINAL, Integer.MAX_VALUE).transactions();
    for (int crashAt = 0; crashAt <= total; crashAt++) {
      Keyspace crashed = MemoryRun.run(ORIGINAL, crashAt).keyspace();
      Map<ByteString, ByteString> current = new HashMap<>();
      crashed.entries().forEach((k, v) -> current.put(ByteString.copyFromUtf8(metaRoot + "/" + k), v));

      RestorePlan plan = RestorePlanner.plan(backup, metaRoot, current, Set.of());
      current.putAll(plan.puts());
      plan.deletes().forEach(current::remove);

      assertThat(current).as("rollback after %d transactions", crashAt).isEqualTo(dump);
    }
  }

  @Test
  void refusesWhenNew22KeysExistThatTheConversionWouldNotWrite() {
    SortedMap<String, ByteString> kv = new TreeMap<>(ORIGINAL.entries());
    kv.put("field-index/777/888", ByteString.copyFromUtf8("left by someone else"));

    RunDecision decision = RunPlanner.decide(Keyspace.of(kv), MemoryRun.SOURCE, MemoryRun.TARGET, "");

    assertThat(decision).isInstanceOfSatisfying(RunDecision.Refuse.class,
        refuse -> assertThat(refuse.reason()).contains("field-index/777/888", "restore the backup"));
  }

  @Test
  void refusesToResumeWhenTheNewKeysChangedSinceTheMarker() {
    int afterMarker = 0;
    MemoryRun.Result probe;
    do { // the first crash point where the marker exists
      probe = MemoryRun.run(ORIGINAL, ++afterMarker);
    } while (probe.keyspace().get(MetaKeys.PROGRESS_MARKER) == null);
    SortedMap<String, ByteString> kv = new TreeMap<>(probe.keyspace().entries());
    kv.remove("field-index/1001/3001");

    RunDecision decision = RunPlanner.decide(Keyspace.of(kv), MemoryRun.SOURCE, MemoryRun.TARGET, "");

    assertThat(decision).isInstanceOfSatisfying(RunDecision.Refuse.class,
        refuse -> assertThat(refuse.reason()).contains("differ from what it wrote"));
  }

  @Test
  void refusesAnUnreadableMarker() {
    SortedMap<String, ByteString> kv = new TreeMap<>(ORIGINAL.entries());
    kv.put(MetaKeys.PROGRESS_MARKER, ByteString.copyFromUtf8("garbage"));

    assertThatThrownBy(() -> RunPlanner.decide(Keyspace.of(kv), MemoryRun.SOURCE, MemoryRun.TARGET, ""))
        .isInstanceOf(MigrationException.class).hasMessageContaining("progress marker");
  }

  @Test
  void anEmptyOrMigratedKeyspaceNeedsNothing() {
    assertThat(RunPlanner.decide(Keyspace.of(new TreeMap<>()), MemoryRun.SOURCE, MemoryRun.TARGET, ""))
        .isInstanceOf(RunDecision.AlreadyMigrated.class);
    assertThat(RunPlanner.decide(Keyspace.of(EXPECTED), MemoryRun.SOURCE, MemoryRun.TARGET, ""))
        .isInstanceOf(RunDecision.AlreadyMigrated.class);
  }

  @Test
  void theMarkerRoundTrips() {
    ProgressMarker marker = new ProgressMarker("2.1.4", "2.2.0", "abc123", 42, "2026-01-01T00:00:00Z", "");

    assertThat(ProgressMarker.decode(marker.encode())).isEqualTo(marker);
  }
}
