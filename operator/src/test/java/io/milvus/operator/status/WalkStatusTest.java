package io.milvus.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.api.v1beta1.UpgradeHop;
import io.milvus.operator.rollout.PathPolicy;
import io.milvus.operator.rollout.UpgradePaths;
import io.milvus.operator.rollout.UpgradeWalk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What kubectl shows of a walk: the hops, the one in progress, why it waits, and UPDATED False until the end. */
class WalkStatusTest {

  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  static final String V24 = "milvusdb/milvus:v2.4.23";
  static final String V26 = "milvusdb/milvus:v2.6.11";

  @Test
  void aHopInProgressIsListedWithWhyItWaits() {
    UpgradeWalk walk = walk("milvusdb/milvus:v2.4.5");
    MilvusStatus status = computed("milvusdb/milvus:v2.4.5", false, "Moving to " + V24 + ": updating proxy; pod p-1:"
        + " CrashLoopBackOff");

    boolean next = WalkStatus.apply(status, new MilvusStatus(), walk, NOW);

    assertThat(next).isFalse();
    assertThat(status.getUpgradePath().getTarget()).isEqualTo("v2.6.11");
    assertThat(status.getUpgradePath().getHop()).isEqualTo("v2.4.23");
    assertThat(status.getUpgradePath().getWaiting()).contains("pod p-1", "CrashLoopBackOff");
    assertThat(status.getUpgradePath().getHops()).extracting(UpgradeHop::getState)
        .containsExactly(UpgradeHop.IN_PROGRESS, UpgradeHop.PLANNED, UpgradeHop.PLANNED);
  }

  @Test
  void aSettledHopIsDoneTheNextStartsAndUpdatedStaysFalse() {
    UpgradeWalk walk = walk("milvusdb/milvus:v2.4.5");
    MilvusStatus status = computed(V24, true, "All components run " + V24);

    boolean next = WalkStatus.apply(status, new MilvusStatus(), walk, NOW);

    assertThat(next).as("the next hop needs a reconcile").isTrue();
    assertThat(status.getUpgradePath().getHop()).isEqualTo("v2.5.26");
    assertThat(status.getUpgradePath().getHops()).extracting(UpgradeHop::getState)
        .containsExactly(UpgradeHop.DONE, UpgradeHop.IN_PROGRESS, UpgradeHop.PLANNED);
    MilvusCondition updated = Conditions.find(status.getConditions(), Conditions.MILVUS_UPDATED).orElseThrow();
    assertThat(updated.getStatus()).isEqualTo(Conditions.FALSE);
    assertThat(updated.getReason()).isEqualTo(Conditions.REASON_UPGRADING_IMAGE);
    assertThat(updated.getMessage()).contains("Walking to v2.6.11", "hop 2 of 3");
  }

  @Test
  void doneHopsAreRememberedAndTheLastSettledHopEndsTheWalk() {
    MilvusStatus earlier = computed(V24, true, "All components run " + V24);
    WalkStatus.apply(earlier, new MilvusStatus(), walk("milvusdb/milvus:v2.4.5"), NOW);
    MilvusStatus later = computed(V24, false, "Moving to milvusdb/milvus:v2.5.26: updating mixcoord");

    WalkStatus.apply(later, earlier, walk(V24), NOW);

    assertThat(later.getUpgradePath().getHops()).extracting(UpgradeHop::getVersion)
        .containsExactly("v2.4.23", "v2.5.26", "v2.6.11");
    MilvusStatus arrived = computed(V26, true, "All components run " + V26);
    assertThat(WalkStatus.apply(arrived, later, walk("milvusdb/milvus:v2.5.26"), NOW)).isFalse();
    assertThat(arrived.getUpgradePath()).isNull();
    assertThat(Conditions.isTrue(arrived.getConditions(), Conditions.MILVUS_UPDATED)).isTrue();
  }

  @Test
  void aPlainImageChangeIsNoWalk() {
    UpgradeWalk walk = UpgradeWalk.of(UpgradePaths.standard(), new UpgradeWalk.Input(V24, null,
        "milvusdb/milvus:v2.4.5", PathPolicy.DEFAULT, false, false, false, List.of()));
    MilvusStatus status = computed("milvusdb/milvus:v2.4.5", false, "Moving to " + V24);

    WalkStatus.apply(status, new MilvusStatus(), walk, NOW);

    assertThat(status.getUpgradePath()).isNull();
  }

  private static UpgradeWalk walk(String running) {
    return UpgradeWalk.of(UpgradePaths.standard(), new UpgradeWalk.Input(V26, null, running, PathPolicy.DEFAULT,
        false, false, false, List.of()));
  }

  private static MilvusStatus computed(String currentImage, boolean settled, String updatedMessage) {
    MilvusStatus status = new MilvusStatus();
    status.setCurrentImage(currentImage);
    List<MilvusCondition> conditions = new ArrayList<>();
    conditions.add(Conditions.of(Conditions.MILVUS_READY, true, Conditions.REASON_MILVUS_HEALTHY, "healthy"));
    conditions.add(Conditions.of(Conditions.MILVUS_UPDATED, settled,
        settled ? Conditions.REASON_COMPONENTS_UPDATED : Conditions.REASON_UPGRADING_IMAGE, updatedMessage));
    status.setConditions(conditions);
    return status;
  }
}
