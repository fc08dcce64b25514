package io.milvus.operator.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.MilvusUpgradeDefaults;
import io.milvus.operator.api.MilvusUpgradeValidator;
import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.api.v1beta1.MilvusUpgradeStatus;
import io.milvus.operator.upgrade.Fixtures.View;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each reason an upgrade is refused before it touches anything. */
class UpgradeAdmissionTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  static MilvusUpgrade upgrade(String name, String source, String target) {
    return JSON.unmarshal("""
        apiVersion: milvus.io/v1beta1
        kind: MilvusUpgrade
        metadata: {name: %s, namespace: default, uid: uid-%s, creationTimestamp: "2026-01-01T00:00:0%dZ"}
        spec:
          milvus: {namespace: default, name: my-release}
          sourceVersion: "%s"
          targetVersion: "%s"
        """.formatted(name, name, name.length() % 10, source, target), MilvusUpgrade.class);
  }

  static Optional<Refusal> check(MilvusUpgrade upgrade, Optional<MilvusView> milvus, List<MilvusUpgrade> siblings) {
    return UpgradeAdmission.check(upgrade, MilvusUpgradeDefaults.apply(upgrade.getSpec(), "tool:1"),
        MilvusUpgradeValidator.validate(upgrade), milvus, siblings, true);
  }

  static Optional<MilvusView> running() {
    return Optional.of(View.running().build());
  }

  @Test
  void theSeedsUpgradeOfARunning214IsAccepted() {
    assertThat(check(upgrade("u", "v2.1.4", "v2.4.23"), running(), List.of())).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
      "v2.1.x, v2.2.0, must be a version",
      "v2.1.4, latest, must be a version",
      "v2.0.2, v2.2.0, sourceVersion must be 2.1.x",
      "v2.2.3, v2.4.23, change spec.components.image of the Milvus instead",
      "v2.1.4, v2.1.9, targetVersion must be v2.2.0 or later",
      "2.0.0-rc1, v2.2.0, pre-release"})
  void invalidVersionsAreRefusedWithTheFix(String source, String target, String message) {
    Refusal refusal = check(upgrade("u", source, target), running(), List.of()).orElseThrow();

    assertThat(refusal.conditionType()).isEqualTo(UpgradeConditions.ACCEPTED);
    assertThat(refusal.reason()).isEqualTo(UpgradeAdmission.REASON_INVALID);
    assertThat(refusal.message()).contains(message, "nothing was touched");
  }

  @Test
  void aMissingMilvusIsUpstreamsGetMilvusFailed() {
    Refusal refusal = check(upgrade("u", "v2.1.4", "v2.4.23"), Optional.empty(), List.of()).orElseThrow();

    assertThat(refusal.conditionType()).isEqualTo("CheckingUpgrationState");
    assertThat(refusal.reason()).isEqualTo("GetMilvusFailed");
    assertThat(refusal.message()).contains("default/my-release not found");
  }

  @Test
  void theSourceMustBeWhatMilvusRuns() {
    Refusal refusal = check(upgrade("u", "v2.1.3", "v2.4.23"), running(), List.of()).orElseThrow();

    assertThat(refusal.reason()).isEqualTo(UpgradeAdmission.REASON_SOURCE_MISMATCH);
    assertThat(refusal.message()).contains("runs v2.1.4, not the sourceVersion v2.1.3");
  }

  @Test
  void anImageChangeInProgressIsRefused() {
    MilvusView moving = withSpecVersion(View.running().build(), "v2.1.9");

    Refusal refusal = check(upgrade("u", "v2.1.4", "v2.4.23"), Optional.of(moving), List.of()).orElseThrow();

    assertThat(refusal.message()).contains("being moved to v2.1.9");
  }

  @Test
  void anUnknownRunningVersionIsRefused() {
    MilvusView m = View.running().build();
    MilvusView unknown = new MilvusView(m.namespace(), m.name(), "my/milvus:latest", Optional.empty(), Optional.empty(),
        m.replicas(), m.groupReplicas(), m.externallyScaled(), false, List.of(), Optional.empty(), false,
        Optional.empty(), m.health());

    assertThat(check(upgrade("u", "v2.1.4", "v2.4.23"), Optional.of(unknown), List.of()).orElseThrow().message())
        .contains("Cannot tell which version", "spec.components.version");
  }

  @Test
  void autoscaledDeploymentGroupsAreRefused() {
    MilvusView m = View.running().build();
    MilvusView autoscaled = new MilvusView(m.namespace(), m.name(), m.image(), m.runningVersion(), m.specVersion(),
        m.replicas(), m.groupReplicas(), List.of("queryNode group a"), false, List.of(), Optional.empty(), false,
        Optional.empty(), m.health());

    Refusal refusal = check(upgrade("u", "v2.1.4", "v2.4.23"), Optional.of(autoscaled), List.of()).orElseThrow();

    assertThat(refusal.reason()).isEqualTo(UpgradeAdmission.REASON_AUTOSCALED);
    assertThat(refusal.message()).contains("queryNode group a", "-1");
  }

  @Test
  void aMilvusWhoseSpecIsRefusedIsNotTouched() {
    MilvusView m = View.running().build();
    MilvusView invalid = new MilvusView(m.namespace(), m.name(), m.image(), m.runningVersion(), m.specVersion(),
        m.replicas(), m.groupReplicas(), List.of(), false, List.of(), Optional.empty(), false,
        Optional.of("spec.mode: must be standalone or cluster"), m.health());

    assertThat(check(upgrade("u", "v2.1.4", "v2.4.23"), Optional.of(invalid), List.of()).orElseThrow().reason())
        .isEqualTo(UpgradeAdmission.REASON_MILVUS_INVALID);
  }

  @Test
  void aMilvusWithoutAStatusForItsSpecIsWaitedFor() {
    MilvusView m = View.running().build();
    MilvusView fresh = new MilvusView(m.namespace(), m.name(), m.image(), m.runningVersion(), m.specVersion(),
        m.replicas(), m.groupReplicas(), List.of(), false, List.of(), Optional.empty(), false, Optional.empty(),
        new MilvusHealth(null, false, null, false, ""));

    assertThat(check(upgrade("u", "v2.1.4", "v2.4.23"), Optional.of(fresh), List.of()).orElseThrow().reason())
        .isEqualTo(UpgradeAdmission.REASON_MILVUS_NOT_OBSERVED);
  }

  @Test
  void aMissingBackupPvcOfTheUserIsRefused() {
    MilvusUpgrade upgrade = upgrade("u", "v2.1.4", "v2.4.23");
    upgrade.getSpec().setBackupPVC("my-backup");

    Optional<Refusal> refusal = UpgradeAdmission.check(upgrade, upgrade.getSpec(), List.of(), running(), List.of(),
        false);

    assertThat(refusal.orElseThrow().message()).contains("my-backup", "does not exist");
  }

  @Test
  void aSecondUpgradeWaitsForTheOneInFlight() {
    MilvusUpgrade first = upgrade("first", "v2.1.4", "v2.4.23");
    first.setStatus(status("BackupMeta"));
    MilvusUpgrade second = upgrade("second", "v2.1.4", "v2.2.0");

    Refusal refusal = check(second, running(), List.of(first)).orElseThrow();

    assertThat(refusal.reason()).isEqualTo(UpgradeAdmission.REASON_IN_PROGRESS);
    assertThat(refusal.message()).contains("MilvusUpgrade default/first already upgrades Milvus default/my-release");
  }

  @Test
  void finishedUpgradesDoNotBlock() {
    MilvusUpgrade done = upgrade("done", "v2.1.4", "v2.4.23");
    done.setStatus(status("RollbackedSucceeded"));

    assertThat(check(upgrade("again", "v2.1.4", "v2.4.23"), running(), List.of(done))).isEmpty();
  }

  @Test
  void ofTwoNewUpgradesTheOlderGoesFirst() {
    MilvusUpgrade older = upgrade("a", "v2.1.4", "v2.4.23");
    older.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
    MilvusUpgrade newer = upgrade("b", "v2.1.4", "v2.4.23");
    newer.getMetadata().setCreationTimestamp("2026-01-01T00:00:05Z");

    assertThat(check(older, running(), List.of(newer))).isEmpty();
    assertThat(check(newer, running(), List.of(older))).isPresent();
  }

  @Test
  void anOlderUpgradeThatWasRefusedDoesNotBlock() {
    MilvusUpgrade refused = upgrade("a", "v2.1.4", "v9");
    refused.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
    MilvusUpgradeStatus status = new MilvusUpgradeStatus();
    status.setConditions(List.of(new ConditionBuilder().withType("Accepted").withStatus("False").build()));
    refused.setStatus(status);
    MilvusUpgrade newer = upgrade("b", "v2.1.4", "v2.4.23");
    newer.getMetadata().setCreationTimestamp("2026-01-01T00:00:05Z");

    assertThat(check(newer, running(), List.of(refused))).isEmpty();
  }

  @Test
  void theMilvusNamespaceDefaultsToTheUpgrades() {
    MilvusUpgrade upgrade = upgrade("u", "v2.1.4", "v2.4.23");
    upgrade.getSpec().getMilvus().setNamespace(null);

    assertThat(UpgradeAdmission.targetNamespace(upgrade)).isEqualTo("default");
  }

  private static MilvusUpgradeStatus status(String state) {
    MilvusUpgradeStatus status = new MilvusUpgradeStatus();
    status.setState(state);
    return status;
  }

  private static MilvusView withSpecVersion(MilvusView m, String version) {
    return new MilvusView(m.namespace(), m.name(), "milvusdb/milvus:" + version, m.runningVersion(),
        MilvusVersion.parse(version), m.replicas(), m.groupReplicas(), m.externallyScaled(), false, List.of(),
        Optional.empty(), false, Optional.empty(), m.health());
  }
}
