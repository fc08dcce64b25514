package io.milvus.operator.migration.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvus.operator.migration.config.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionGateTest {
  private static final SemVer VERSION_MAX = SemVer.parse("1000.1000.1000"); // upstream's VersionMax

  @Test
  void range21x() { // upstream version_test: TestRange21x
    assertThat(VersionGate.in21x(VERSION_MAX)).isFalse();
    assertThat(VersionGate.in21x(VersionGate.V2_3_0)).isFalse();
    assertThat(VersionGate.in21x(VersionGate.V2_2_0)).isFalse();
    assertThat(VersionGate.in21x(VersionGate.V2_1_0)).isTrue();
  }

  @Test
  void range22x() { // upstream version_test: TestRange22x
    assertThat(VersionGate.in22x(VERSION_MAX)).isFalse();
    assertThat(VersionGate.in22x(VersionGate.V2_3_0)).isFalse();
    assertThat(VersionGate.in22x(VersionGate.V2_2_0)).isTrue();
    assertThat(VersionGate.in22x(VersionGate.V2_1_0)).isFalse();
  }

  @ParameterizedTest(name = "run {0} -> {1}: {2}")
  @CsvSource({
      "2.1.4, 2.2.0, Proceed", "2.1.0, 2.2.14, Proceed", "2.1.4, 2.2.0-rc1, NoNeed", "2.1.0, 2.1.4, NoNeed",
      "2.0.2, 2.2.0, Refuse", "2.1.4, 2.3.0, Proceed", "2.1.4, 2.4.23, Proceed", "2.1.4, 3.0.0, Refuse", "2.2.0, 2.2.3, Refuse", "2.1.4, 2.0.0, Refuse",
      "2.1.4-rc1, 2.2.0, Proceed"})
  void runGate(String source, String target, String decision) {
    GateDecision gate = VersionGate.check(Command.RUN, SemVer.parse(source), SemVer.parse(target));
    assertThat(gate.getClass().getSimpleName()).isEqualTo(decision);
  }

  @Test
  void backupAndRollbackGates() {
    assertThat(VersionGate.check(Command.BACKUP, SemVer.parse("2.2.1"), SemVer.parse("2.2.1")))
        .isInstanceOf(GateDecision.Proceed.class);
    assertThat(VersionGate.check(Command.BACKUP, SemVer.parse("2.3.0"), SemVer.parse("2.3.0")))
        .isInstanceOf(GateDecision.Refuse.class);
    assertThat(VersionGate.check(Command.ROLLBACK, SemVer.parse("2.1.4"), SemVer.parse("2.2.0")))
        .isInstanceOf(GateDecision.Proceed.class);
    assertThat(VersionGate.check(Command.ROLLBACK, SemVer.parse("2.1.4"), SemVer.parse("2.4.23")))
        .isInstanceOf(GateDecision.Proceed.class);
    assertThat(VersionGate.check(Command.ROLLBACK, SemVer.parse("2.0.0"), SemVer.parse("2.2.0")))
        .isInstanceOf(GateDecision.Refuse.class);
  }

  @Test
  void ordersLikeSemver() {
    assertThat(SemVer.parse("2.2.0-rc1")).isLessThan(SemVer.parse("2.2.0"));
    assertThat(SemVer.parse("2.2.0-rc.2")).isLessThan(SemVer.parse("2.2.0-rc.10"));
    assertThat(SemVer.parse("2.2.0-1")).isLessThan(SemVer.parse("2.2.0-alpha"));
    assertThat(SemVer.parse("2.2.0-alpha")).isLessThan(SemVer.parse("2.2.0-alpha.1"));
    assertThat(SemVer.parse("2.10.0")).isGreaterThan(SemVer.parse("2.9.9"));
    assertThat(SemVer.parse("2.2.0+build.5").compareTo(SemVer.parse("2.2.0"))).isZero();
    assertThat(SemVer.parse("2.2.0-rc1+b").toString()).isEqualTo("2.2.0-rc1+b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"v2.2.0", "2.2", "2.2.0.1", "02.2.0", "2.2.0-", "2.2.0-01", "", "latest"})
  void rejectsWhatStrictSemverRejects(String text) {
    assertThatThrownBy(() -> SemVer.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
