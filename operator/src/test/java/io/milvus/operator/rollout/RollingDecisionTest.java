package io.milvus.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.api.MilvusVersion;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RollingDecisionTest {

  static Stream<Arguments> decisions() {
    return Stream.of(
        Arguments.of("rolling upgrade", true, "rollingUpgrade", false, "2.3.21", "2.4.23", true, false, false, false),
        Arguments.of("rolling downgrade", true, "rollingDowngrade", false, "2.4.23", "2.4.5", true, true, false, false),
        Arguments.of("a downgrade goes in reverse order under rollingUpgrade too", true, "rollingUpgrade", false,
            "2.4.23", "2.4.5", true, true, false, false),
        Arguments.of("all at once", true, "all", false, "2.3.21", "2.4.23", false, false, false, false),
        Arguments.of("force", true, "force", false, "2.3.21", "2.4.23", false, false, true, false),
        Arguments.of("a downgrade under all is still all at once", true, "all", false, "2.4.23", "2.4.5", false, true,
            false, false),
        Arguments.of("a downgrade under force is still forced", true, "force", false, "2.4.23", "2.4.5", false, true,
            true, false),
        Arguments.of("rolling switched off", false, "rollingUpgrade", false, "2.3.21", "2.4.23", false, false, false,
            false),
        Arguments.of("standalone on rocksmq is recreated, and says so", true, "rollingUpgrade", true, "2.4.5", "2.4.23",
            false, false, false, true),
        Arguments.of("from before 2.2.3 no rolling, and says so", true, "rollingUpgrade", false, "2.2.1", "2.2.14",
            false, false, false, true),
        Arguments.of("unknown running version rolls", true, "rollingUpgrade", false, null, "2.4.23", true, false, false,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void decides(String story, boolean enable, String mode, boolean builtInStandalone, String running, String target,
      boolean oneAtATime, boolean downgrade, boolean force, boolean explained) {
    boolean downgradeHop = running != null && MilvusVersion.parse(target).orElseThrow()
        .compareTo(MilvusVersion.parse(running).orElseThrow()) < 0;
    RollingDecision d = RollingDecision.decide(enable, mode, builtInStandalone, MilvusVersion.parse(running),
        MilvusVersion.parse(target), downgradeHop, UpgradePaths.standard());
    assertThat(d.oneAtATime()).isEqualTo(oneAtATime);
    assertThat(d.downgrade()).isEqualTo(downgrade);
    assertThat(d.force()).isEqualTo(force);
    assertThat(d.explanation().isPresent()).isEqualTo(explained);
  }
}
