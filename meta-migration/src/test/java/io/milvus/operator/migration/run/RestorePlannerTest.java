package io.milvus.operator.migration.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.backup.BackupFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestorePlannerTest {
  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private static Map<ByteString, ByteString> map(String... keyValues) {
    Map<ByteString, ByteString> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(b(keyValues[i]), b(keyValues[i + 1]));
    }
    return map;
  }

  @Test
  void aFullDumpMakesTheKeyspaceEqualToIt() {
    BackupFile backup = BackupFile.fullDump("r/meta", map("r/meta/a", "1", "r/meta/b", "2", "r/meta/session/id", "7"));
    Map<ByteString, ByteString> current = map("r/meta/a", "1", "r/meta/b", "changed", "r/meta/field-index/1/2", "x",
        "r/meta/datacoord-meta/new", "y");

    RestorePlan plan = RestorePlanner.plan(backup, "r/meta", current, Set.of(b("r/meta/session/proxy-1")));

    assertThat(plan.puts()).containsOnlyKeys(b("r/meta/b"), b("r/meta/session/id"));
    assertThat(plan.deletes()).containsExactly(b("r/meta/datacoord-meta/new"), b("r/meta/field-index/1/2"));
  }

  @Test
  void anEarlyFormatBackupOnlyReplacesTheLayoutPrefixes() {
    BackupFile backup = new BackupFile("r", "meta", false, map("root-coord/collection/1", "c"));
    Map<ByteString, ByteString> current = map("r/meta/root-coord/collection/1", "c2", "r/meta/field-index/1/2", "x",
        "r/meta/datacoord-meta/s/1", "keep", "r/meta/meta-migration/run-2.1-to-2.2", "{}");

    RestorePlan plan = RestorePlanner.plan(backup, "r/meta", current, Set.of());

    assertThat(plan.puts()).containsOnlyKeys(b("r/meta/root-coord/collection/1"));
    assertThat(plan.deletes()).containsExactly(b("r/meta/field-index/1/2"), b("r/meta/meta-migration/run-2.1-to-2.2"));
  }

  @Test
  void neverTouchesLiveSessions() {
    BackupFile backup = BackupFile.fullDump("r/meta", map("r/meta/session/migration", "old", "r/meta/a", "1"));

    RestorePlan plan = RestorePlanner.plan(backup, "r/meta", map(), Set.of(b("r/meta/session/migration")));

    assertThat(plan.puts()).containsOnlyKeys(b("r/meta/a"));
    assertThat(plan.notes()).anyMatch(n -> n.contains("live session"));
  }

  @Test
  void refusesAnEmptyBackupAndOneOfAnotherInstance() {
    assertThatThrownBy(() -> RestorePlanner.plan(BackupFile.fullDump("r/meta", map()), "r/meta", map("r/meta/a", "1"),
        Set.of())).hasMessageContaining("no entries");
    assertThatThrownBy(() -> RestorePlanner.plan(BackupFile.fullDump("other/meta", map("other/meta/a", "1")), "r/meta",
        map(), Set.of())).hasMessageContaining("not of the configured 'r/meta'");
  }

  @Test
  void rootsAreComparedWithSlashesNormalised() {
    BackupFile upstreams = new BackupFile("/r", "meta", true, map("r/meta/a", "1"));

    assertThat(RestorePlanner.plan(upstreams, "r/meta", map(), Set.of()).puts()).containsOnlyKeys(b("r/meta/a"));
  }

  @Test
  void aKeyOutsideTheRootIsRefusedEvenWhenItSharesItsPrefix() {
    // "r/meta2/x" starts with "r/meta": without the trailing slash it would pass
    BackupFile backup = BackupFile.fullDump("r/meta", map("r/meta/a", "1", "r/meta2/x", "2"));

    assertThatThrownBy(() -> RestorePlanner.plan(backup, "r/meta", map(), Set.of()))
        .hasMessageContaining("r/meta2/x, which is not under r/meta/");
  }

  @Test
  void aBackupOfTheWholeInstanceIsNotRestoredOntoItsMetaPath() {
    // taken with metaSubPath "" (root "r"): header instance "", meta path "r"
    BackupFile whole = BackupFile.fullDump("r", map("r/kv/gid", "1", "r/meta/a", "2"));

    assertThatThrownBy(() -> RestorePlanner.plan(whole, "r/meta", map(), Set.of()))
        .hasMessageContaining("the backup was taken of meta root 'r'");
  }
}
