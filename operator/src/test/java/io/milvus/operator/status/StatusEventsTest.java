package io.milvus.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.status.StatusEvents.Announcement;
import java.util.ArrayList;
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
