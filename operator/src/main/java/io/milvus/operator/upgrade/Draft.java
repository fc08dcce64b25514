package io.milvus.operator.upgrade;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.v1beta1.MilvusUpgradeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The status being worked out during one decision, with the actions, the Events and the wait it gathers. */
final class Draft {

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  final MilvusUpgradeStatus status;
  final Instant now;
  private final List<UpgradeAction> actions = new ArrayList<>();
  private String message = "";
  private Duration recheckAfter;

  Draft(MilvusUpgradeStatus current, Instant now) {
    this.status = current == null ? new MilvusUpgradeStatus() : JSON.clone(current);
    this.now = now;
  }

  UpgradeState state() {
    return UpgradeState.of(status.getState());
  }

  /** Moves to {@code next}, announcing why. */
  void moveTo(UpgradeState next, boolean warning, String message, boolean aboutMilvus) {
    status.setState(next.text());
    status.setStateTransitionTime(now.toString());
    announce(warning, next.reason(), message, aboutMilvus);
  }

  void announce(boolean warning, String reason, String message, boolean aboutMilvus) {
    actions.add(new UpgradeAction.Announce(warning, reason, message, aboutMilvus));
  }

  void act(UpgradeAction action) {
    actions.add(action);
  }

  /** What the upgrade does or waits for now: the message of its result condition. */
  void explain(String text) {
    message = text;
  }

  String message() {
    return message;
  }

  void recheckAfter(Duration delay) {
    recheckAfter = delay.isNegative() ? Duration.ZERO : delay;
  }

  /** The time the current state was entered; long past if unknown, so deadlines measured from it fire. */
  Instant stateSince() {
    return RecordedTime.orLongPast(status.getStateTransitionTime());
  }

  int retried() {
    return status.getRetriedTimes() == null ? 0 : status.getRetriedTimes();
  }

  /** "1m", "45s", "1.5s": durations as people write them. */
  static String text(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis / 1000.0 + "s";
  }

  static boolean isTrue(Boolean flag) {
    return Boolean.TRUE.equals(flag);
  }

  List<UpgradeAction> actions() {
    return List.copyOf(actions);
  }

  Optional<Duration> recheck() {
    return Optional.ofNullable(recheckAfter);
  }
}
