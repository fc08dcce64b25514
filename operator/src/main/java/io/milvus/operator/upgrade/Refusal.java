package io.milvus.operator.upgrade;

/**
 * Why an upgrade does not start (or, mid-flight, does not go on): reported as a False condition and an Event.
 *
 * @param conditionType {@link UpgradeConditions#ACCEPTED}, or upstream's {@link UpgradeConditions#CHECKING} when
 *     the Milvus cannot be read
 */
public record Refusal(String conditionType, String reason, String message) {

  /**
   * A planned wait that resolves itself (the Milvus's status not caught up yet, e.g. an upgrade created right after
   * its Milvus; another upgrade of it ahead): told with a Normal Event, not a Warning, which is for what needs a person.
   */
  public boolean isPlannedWait() {
    return UpgradeAdmission.REASON_MILVUS_NOT_OBSERVED.equals(reason) || UpgradeAdmission.REASON_IN_PROGRESS.equals(reason);
  }

  static Refusal invalid(String reason, String message) {
    return new Refusal(UpgradeConditions.ACCEPTED, reason, message);
  }
}
