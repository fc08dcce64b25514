package io.milvus.operator.migration.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvus.operator.migration.support.MigrationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SnapshotKeyTest {

  @Test
  void splitsUpstreamsExample() { // upstream utils_test: TestSplitBySeparator
    SnapshotKey key = SnapshotKey.parse("435783141193354561_ts435783141193154564");

    assertThat(key.key()).isEqualTo("435783141193354561");
    assertThat(key.ts()).isEqualTo(435783141193154564L);
    assertThat(key.format()).isEqualTo("435783141193354561_ts435783141193154564");
  }

  @ParameterizedTest // upstream utils_test: TestGetFileName
  @CsvSource({
      "snapshots/root-coord/collection/436611447439428929_ts436611447439228933, 436611447439428929_ts436611447439228933",
      "root-coord/collection/436611447439428929, 436611447439428929"})
  void fileNameIsTheLastSegment(String path, String name) {
    assertThat(MetaKeys.lastSegment(path)).isEqualTo(name);
  }

  @Test
  void anAliasContainingTsIsSplitAtTheLastTimestamp() { // upstream fails the whole run here
    assertThat(SnapshotKey.parse("my_ts_alias_ts42")).isEqualTo(new SnapshotKey("my_ts_alias", 42));
    assertThat(SnapshotKey.parse("a_ts1_ts2")).isEqualTo(new SnapshotKey("a_ts1", 2));
    assertThat(SnapshotKey.parse("x_ts12_tsfoo_ts7")).isEqualTo(new SnapshotKey("x_ts12_tsfoo", 7));
  }

  @Test
  void keepsTimestampsAboveTheSignedRange() {
    SnapshotKey key = SnapshotKey.parse("1_ts18446744073709551615");

    assertThat(Long.toUnsignedString(key.ts())).isEqualTo("18446744073709551615");
    assertThat(key.format()).isEqualTo("1_ts18446744073709551615");
  }

  @ParameterizedTest
  @ValueSource(strings = {"435783141193354561", "_ts123", "abc_ts", "abc_tsx1", "1_ts18446744073709551616"})
  void rejectsWhatIsNotASnapshotKey(String text) {
    assertThatThrownBy(() -> SnapshotKey.parse(text)).isInstanceOf(MigrationException.class);
  }
}
