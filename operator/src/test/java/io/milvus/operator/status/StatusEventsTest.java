package io.milvus.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.api.v1beta1.UpgradeHop;
import io.milvus.operator.api.v1beta1.UpgradePathStatus;
import io.milvus.operator.status.StatusEvents.Announcement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Warnings are for what needs a person; planned states are Normal or silent. */
class StatusEventsTest {

  @Test
  void aDependencyThatBecomesUnreadyIsAWarning() {
    MilvusStatus before = status("Healthy", ready(Conditions.ETCD_READY), updated());
    MilvusStatus after = status("Healthy", Conditions.of(Conditions.ETCD_READY, false, Conditions.REASON_ETCD_NOT_READY,
        "StatefulSet my-release-etcd has 0/1 ready pods"), updated());

    assertThat(StatusEvents.between(before, after, Set.of()))
        .containsExactly(new Announcement(true, Conditions.REASON_ETCD_NOT_READY,
            "StatefulSet my-release-etcd has 0/1 ready pods"));
  }

  @Test
  void anInClusterDependencyBeingCreatedIsNotAWarning() {
    MilvusStatus after = status("Pending", Conditions.of(Conditions.ETCD_READY, false,
        Conditions.REASON_ETCD_NOT_READY, "StatefulSet my-release-etcd is being created"));

    assertThat(StatusEvents.between(new MilvusStatus(), after, Set.of())).extracting(Announcement::warning)
        .containsOnly(false);
  }

  @Test
  void anExternalDependencyThatDoesNotAnswerIsAWarningAtOnce() {
    MilvusStatus after = status("Pending", Conditions.of(Conditions.ETCD_READY, false,
        Conditions.REASON_ETCD_NOT_READY, "External etcd unreachable: etcd.example:2379: Connection refused"));

    assertThat(StatusEvents.between(new MilvusStatus(), after, Set.of(Conditions.ETCD_READY)))
        .containsExactly(new Announcement(true, Conditions.REASON_ETCD_NOT_READY,
            "External etcd unreachable: etcd.example:2379: Connection refused"));
  }

  @Test
  void aDependencyThatAnswersAgainIsNormal() {
    MilvusStatus before = status("Pending", Conditions.of(Conditions.ETCD_READY, false,
        Conditions.REASON_ETCD_NOT_READY, "External etcd unreachable"));

    assertThat(StatusEvents.between(before, status("Pending", ready(Conditions.ETCD_READY)),
        Set.of(Conditions.ETCD_READY))).extracting(Announcement::warning).containsOnly(false);
  }

  @Test
  void anUnreadyPodDuringARolloutIsNotAWarning() {
    MilvusStatus before = status("Healthy", updated());
    MilvusStatus after = status("Unhealthy", notReady(), Conditions.of(Conditions.MILVUS_UPDATED, false,
        Conditions.REASON_UPGRADING_IMAGE, "Moving to v2.4.24: updating proxy"));

    assertThat(StatusEvents.between(before, after, Set.of())).extracting(Announcement::warning).containsOnly(false);
  }

  @Test
  void anUnhealthyMilvusOutsideARolloutIsAWarning() {
    MilvusStatus after = status("Unhealthy", notReady(), updated());

    assertThat(StatusEvents.between(status("Healthy", updated()), after, Set.of()))
        .contains(new Announcement(true, "Unhealthy", "standalone: 0/1 pods ready"));
  }

  @Test
  void aStalledRolloutIsAWarning() {
    MilvusStatus after = status("Healthy", Conditions.of(Conditions.MILVUS_UPDATED, false,
        Conditions.REASON_ROLLOUT_STALLED, "proxy made no progress"));

    assertThat(StatusEvents.between(status("Healthy", updated()), after, Set.of()))
        .containsExactly(new Announcement(true, Conditions.REASON_ROLLOUT_STALLED, "proxy made no progress"));
  }

  @Test
  void aTargetChangedDuringAHopIsToldWithThePathFromTheLastHealthyVersion() {
    MilvusStatus before = walking("v2.6.11", "v2.5.26", "v2.4.23 Done", "v2.5.26 InProgress", "v2.6.11 Planned");
    MilvusStatus farther = walking("v2.6.12", "v2.5.26", "v2.4.23 Done", "v2.5.26 InProgress", "v2.6.12 Planned");
    MilvusStatus back = walking("v2.4.23", "v2.4.23", "v2.4.23 InProgress");

    assertThat(walkEvents(before, farther)).singleElement().satisfies(e -> {
      assertThat(e.reason()).isEqualTo("UpgradePathReplanned");
      assertThat(e.message()).contains("from v2.6.11 to v2.6.12 during v2.5.26", "milvusdb/milvus:v2.4.23",
          "walking over v2.5.26 > v2.6.12", "continuing hop 2 of 3");
    });
    assertThat(walkEvents(before, back)).singleElement().satisfies(e -> assertThat(e.message())
        .contains("from v2.6.11 to v2.4.23", "the components the hop to v2.5.26 moved go back first"));
  }

  @Test
  void aWalkEndsCompletedOnlyWhenMilvusRunsItsTarget() {
    MilvusStatus before = walking("v2.6.11", "v2.6.11", "v2.5.26 Done", "v2.6.11 InProgress");
    MilvusStatus arrived = status("Healthy", updated());
    arrived.setCurrentImage("milvusdb/milvus:v2.6.11");
    MilvusStatus elsewhere = status("Healthy", updated());
    elsewhere.setCurrentImage("milvusdb/milvus:v2.5.26");

    assertThat(walkEvents(before, arrived)).extracting(Announcement::reason).containsExactly("UpgradePathCompleted");
    assertThat(walkEvents(before, elsewhere)).extracting(Announcement::reason).containsExactly("UpgradePathEnded");
  }

  @Test
  void theChangesOfOneStatusWriteAreToldInOneEventUnderTheNewPhase() {
    MilvusStatus before = status("Pending", Conditions.of(Conditions.ETCD_READY, false,
        Conditions.REASON_ETCD_NOT_READY, "StatefulSet my-release-etcd has 0/1 ready pods"));
    MilvusStatus after = status("Healthy", ready(Conditions.ETCD_READY), updated());
    after.setEndpoint("my-release-milvus.default:19530");

    assertThat(StatusEvents.between(before, after, Set.of())).singleElement().satisfies(e -> {
      assertThat(e.warning()).isFalse();
      assertThat(e.reason()).isEqualTo("Healthy");
      assertThat(e.message()).isEqualTo("Milvus is healthy; clients connect to my-release-milvus.default:19530; "
          + "EtcdReady: EtcdReady ok; MilvusComponentsUpdated: All components run x");
    });
  }

  @Test
  void aWarningIsNotHiddenAmongTheNormalChangesOfTheSameWrite() {
    MilvusStatus before = status("Healthy", ready(Conditions.ETCD_READY), Conditions.of(Conditions.STORAGE_READY,
        false, Conditions.REASON_STORAGE_NOT_READY, "External storage unreachable"));
    MilvusStatus after = status("Healthy", Conditions.of(Conditions.ETCD_READY, false, Conditions.REASON_ETCD_NOT_READY,
        "StatefulSet my-release-etcd has 0/1 ready pods"), ready(Conditions.STORAGE_READY));

    assertThat(StatusEvents.between(before, after, Set.of(Conditions.STORAGE_READY))).containsExactly(
        new Announcement(false, Conditions.STORAGE_READY, "StorageReady ok"),
        new Announcement(true, Conditions.REASON_ETCD_NOT_READY, "StatefulSet my-release-etcd has 0/1 ready pods"));
  }

  @Test
  void aNewImageIsToldApartFromTheConditionsThatChangedWithIt() {
    MilvusStatus before = status("Healthy", Conditions.of(Conditions.MILVUS_UPDATED, false,
        Conditions.REASON_UPGRADING_IMAGE, "Moving to v2.4.24"));
    before.setCurrentImage("milvusdb/milvus:v2.4.23");
    MilvusStatus after = status("Healthy", updated());
    after.setCurrentImage("milvusdb/milvus:v2.4.24");

    assertThat(StatusEvents.between(before, after, Set.of())).extracting(Announcement::reason)
        .containsExactly(Conditions.REASON_COMPONENTS_UPDATED, "ImageUpdated");
  }

  private static List<Announcement> walkEvents(MilvusStatus before, MilvusStatus after) {
    return StatusEvents.between(before, after, Set.of()).stream().filter(e -> e.reason().startsWith("UpgradePath"))
        .toList();
  }

  /** A status during a walk on v2.4.23, each hop "version state". */
  private static MilvusStatus walking(String target, String hop, String... hops) {
    MilvusStatus s = status("Healthy", updated());
    s.setCurrentImage("milvusdb/milvus:v2.4.23");
    UpgradePathStatus path = new UpgradePathStatus();
    path.setTarget(target);
    path.setHop(hop);
    path.setHops(Arrays.stream(hops).map(h -> h.split(" "))
        .map(h -> new UpgradeHop(h[0], "milvusdb/milvus:" + h[0], "rolling", h[1])).toList());
    s.setUpgradePath(path);
    return s;
  }

  private static MilvusStatus status(String health, MilvusCondition... conditions) {
    MilvusStatus s = new MilvusStatus();
    s.setStatus(health);
    List<MilvusCondition> all = new ArrayList<>(List.of(conditions));
    if (all.stream().noneMatch(c -> Conditions.MILVUS_READY.equals(c.getType()))) {
      all.add(Conditions.of(Conditions.MILVUS_READY, true, Conditions.REASON_MILVUS_HEALTHY, "ok"));
    }
    s.setConditions(all);
    return s;
  }

  private static MilvusCondition ready(String type) {
    return Conditions.of(type, true, type, type + " ok");
  }

  private static MilvusCondition updated() {
    return Conditions.of(Conditions.MILVUS_UPDATED, true, Conditions.REASON_COMPONENTS_UPDATED, "All components run x");
  }

  private static MilvusCondition notReady() {
    return Conditions.of(Conditions.MILVUS_READY, false, Conditions.REASON_COMPONENT_NOT_HEALTHY,
        "standalone: 0/1 pods ready");
  }
}
