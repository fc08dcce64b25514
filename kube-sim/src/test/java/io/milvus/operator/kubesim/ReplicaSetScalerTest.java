package io.milvus.operator.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.milvus.operator.kubesim.ReplicaSetScaler.ReplicaSetState;
import io.milvus.operator.kubesim.ReplicaSetScaler.RollingLimits;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicaSetScalerTest {

  @ParameterizedTest(name = "surge {0}, unavailable {1}, replicas {2} -> {3}/{4}")
  @CsvSource(nullValues = "-", textBlock = """
      -,   -,   4,  1, 1
      -,   -,   3,  1, 0
      25%, 25%, 10, 3, 2
      1,   0,   3,  1, 0
      0,   0,   3,  0, 1
      0%,  0%,  3,  0, 1
      50%, 100%, 2, 1, 2
      0,   5,   3,  0, 3
      """)
  void resolvesLimitsWithKubernetesRounding(String surge, String unavailable, int replicas, int expectedSurge,
                                            int expectedUnavailable) {
    RollingLimits limits = ReplicaSetScaler.limits(intOrString(surge), intOrString(unavailable), replicas);

    assertThat(limits).isEqualTo(new RollingLimits(expectedSurge, expectedUnavailable));
  }

  @Test
  void surgeFirstCreatesOneNewPodAndKeepsAllOld() {
    var plan = ReplicaSetScaler.rollingUpdate(3, new RollingLimits(1, 0),
        rs("new", 2, 0, 0, 0), List.of(rs("old", 1, 3, 3, 3)));

    assertThat(plan).containsEntry("new", 1).containsEntry("old", 3);
  }

  @Test
  void anOldPodGoesOnlyWhenANewOneIsAvailable() {
    var waiting = ReplicaSetScaler.rollingUpdate(3, new RollingLimits(1, 0),
        rs("new", 2, 1, 1, 0), List.of(rs("old", 1, 3, 3, 3)));
    var progressed = ReplicaSetScaler.rollingUpdate(3, new RollingLimits(1, 0),
        rs("new", 2, 1, 1, 1), List.of(rs("old", 1, 3, 3, 3)));

    assertThat(waiting).containsEntry("new", 1).containsEntry("old", 3);
    assertThat(progressed).containsEntry("old", 2);
  }

  @Test
  void podsAboveSpecAboutToBeDeletedDoNotCountAsAvailable() {
    // old was just scaled 3 -> 2 but its third pod is not deleted yet
    var plan = ReplicaSetScaler.rollingUpdate(3, new RollingLimits(1, 0),
        rs("new", 2, 1, 1, 1), List.of(rs("old", 1, 2, 3, 3)));

    assertThat(plan).containsEntry("new", 2).containsEntry("old", 2);
  }

  @Test
  void unavailableBudgetScalesOldDownFirst() {
    var plan = ReplicaSetScaler.rollingUpdate(4, new RollingLimits(0, 1),
        rs("new", 2, 0, 0, 0), List.of(rs("old", 1, 4, 4, 4)));

    assertThat(plan).containsEntry("new", 0).containsEntry("old", 3);
  }

  @Test
  void unhealthyOldReplicasAreRemovedBeforeHealthyOnes() {
    var plan = ReplicaSetScaler.rollingUpdate(3, new RollingLimits(1, 1),
        rs("new", 3, 1, 1, 0), List.of(rs("older", 1, 1, 1, 0), rs("old", 2, 2, 2, 2)));

    assertThat(plan).containsEntry("older", 0).containsEntry("old", 2);
  }

  @Test
  void scalingWithoutRolloutGoesStraightToDesired() {
    assertThat(ReplicaSetScaler.rollingUpdate(5, new RollingLimits(1, 1), rs("only", 1, 2, 2, 2), List.of()))
        .containsEntry("only", 5);
    assertThat(ReplicaSetScaler.rollingUpdate(1, new RollingLimits(1, 1), rs("only", 1, 4, 4, 4), List.of()))
        .containsEntry("only", 1);
  }

  @Test
  void recreateWaitsForEveryOldPodToGo() {
    var scaleDown = ReplicaSetScaler.recreate(3, rs("new", 2, 0, 0, 0), List.of(rs("old", 1, 3, 3, 3)));
    var stillTerminating = ReplicaSetScaler.recreate(3, rs("new", 2, 0, 0, 0), List.of(rs("old", 1, 0, 1, 0)));
    var gone = ReplicaSetScaler.recreate(3, rs("new", 2, 0, 0, 0), List.of(rs("old", 1, 0, 0, 0)));

    assertThat(scaleDown).containsEntry("old", 0).containsEntry("new", 0);
    assertThat(stillTerminating).containsEntry("new", 0);
    assertThat(gone).containsEntry("new", 3);
  }

  private static ReplicaSetState rs(String name, long revision, int spec, int pods, int available) {
    return new ReplicaSetState(name, revision, spec, pods, available);
  }

  private static IntOrString intOrString(String value) {
    if (value == null) {
      return null;
    }
    return value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
  }
}
