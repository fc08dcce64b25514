package io.milvus.operator.upgrade;

/**
 * Why an upgrade does not start (or, mid-flight, does not go on): reported as a False condition and an Event.
 *
 * @param conditionType {@link UpgradeConditions#ACCEPTED}, or upstream's {@link UpgradeConditions#CHECKING} when
 *     the Milvus cannot be read
 */
public record Refusal(String conditionType, String reason, String message) {

  static Refusal invalid(String reason, String message) {
    return new Refusal(UpgradeConditions.ACCEPTED, reason, message);
  }
}
