package io.milvus.operator.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusReplicas;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The upgrade's edits of a Milvus: only replicas, image, version and its own annotations change. */
class MilvusEditsTest {

  static Milvus cluster() {
    return TestMilvus.parse("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: my-release
          annotations: {keep: me}
        spec:
          mode: cluster
          components:
            image: milvusdb/milvus:v2.1.4
            proxy: {replicas: 2}
            queryNode:
              replicas: 3
              groups: [{name: zone-a, replicas: 1}]
        """);
  }

  @Test
  void stopScalesEveryComponentAndGroupToZeroAndWritesRecordedOnesTheSpecLeftOut() {
    MilvusReplicas recorded = new MilvusReplicas();
    recorded.setProxy(2);
    recorded.setQueryNode(3);
    recorded.setDataNode(1);
    Milvus milvus = cluster();
    milvus.getMetadata().getAnnotations().put(MilvusEdits.STOPPED_AT, "2026-01-01T00:00:00Z");

    MilvusEdits.stop(milvus, recorded);

    var c = milvus.getSpec().getComponents();
    assertThat(c.getProxy().getReplicas()).isZero();
    assertThat(c.getQueryNode().getReplicas()).isZero();
    assertThat(c.getQueryNode().getGroups().get(0).getReplicas()).isZero();
    assertThat(c.getDataNode().getReplicas()).as("defaulted before, written now").isZero();
    assertThat(c.getImage()).isEqualTo("milvusdb/milvus:v2.1.4");
    assertThat(milvus.getMetadata().getAnnotations()).as("running pods make an older mark meaningless")
        .doesNotContainKey(MilvusEdits.STOPPED_AT).containsEntry("keep", "me");
  }

  @Test
  void anAutoscaledComponentIsStoppedRestartedWithItsRecordedCountAndGivenBackAtTheEnd() {
    Milvus milvus = TestMilvus.withSpec("my-release", "components: {image: milvusdb/milvus:v2.1.4, standalone: {replicas: -1}}");
    MilvusReplicas recorded = new MilvusReplicas();
    recorded.setStandalone(3);

    MilvusEdits.stop(milvus, recorded);
    assertThat(milvus.getSpec().getComponents().getStandalone().getReplicas()).isZero();
    assertThat(milvus.getMetadata().getAnnotations()).containsEntry(MilvusEdits.AUTOSCALED, "standalone");

    MilvusEdits.start(milvus, new UpgradeAction.StartMilvus("milvusdb/milvus:v2.2.14", "v2.2.14", recorded, null,
        false), "u");
    assertThat(milvus.getSpec().getComponents().getStandalone().getReplicas()).as("the count it ran with").isEqualTo(3);
    assertThat(milvus.getMetadata().getAnnotations()).containsKey(MilvusEdits.AUTOSCALED);

    MilvusEdits.release(milvus);
    assertThat(milvus.getSpec().getComponents().getStandalone().getReplicas()).as("back to the autoscaler")
        .isEqualTo(-1);
    assertThat(milvus.getMetadata().getAnnotations()).doesNotContainKey(MilvusEdits.AUTOSCALED);
  }

  @Test
  void stoppingAStoppedMilvusKeepsItsMark() {
    Milvus milvus = cluster();
    MilvusEdits.stop(milvus, null);
    MilvusEdits.markStopped(milvus, Instant.parse("2026-01-01T00:00:00Z"));

    MilvusEdits.stop(milvus, null);
    MilvusEdits.markStopped(milvus, Instant.parse("2026-01-01T00:05:00Z"));

    assertThat(milvus.getMetadata().getAnnotations()).containsEntry(MilvusEdits.STOPPED_AT, "2026-01-01T00:00:00Z");
  }

  @Test
  void startRestoresReplicasSetsTheImageAndAllowsTheMigratedImage() {
    MilvusReplicas recorded = new MilvusReplicas();
    recorded.setProxy(2);
    recorded.setQueryNode(3);
    Milvus milvus = cluster();
    MilvusEdits.stop(milvus, recorded);
    MilvusEdits.markStopped(milvus, Instant.now());

    MilvusEdits.start(milvus, new UpgradeAction.StartMilvus("milvusdb/milvus:v2.4.23", "v2.4.23", recorded,
        Map.of("queryNode", Map.of("zone-a", 1)), true), "up");

    var c = milvus.getSpec().getComponents();
    assertThat(c.getImage()).isEqualTo("milvusdb/milvus:v2.4.23");
    assertThat(c.getVersion()).as("untouched when the spec has none").isNull();
    assertThat(c.getProxy().getReplicas()).isEqualTo(2);
    assertThat(c.getQueryNode().getReplicas()).isEqualTo(3);
    assertThat(c.getQueryNode().getGroups().get(0).getReplicas()).isEqualTo(1);
    assertThat(milvus.getMetadata().getAnnotations()).doesNotContainKey(MilvusEdits.STOPPED_AT)
        .containsEntry("milvus.io/allow-unsafe-upgrade", "true").containsEntry(MilvusEdits.ALLOWED_BY, "up");

    MilvusEdits.release(milvus);
    assertThat(milvus.getMetadata().getAnnotations()).doesNotContainKeys("milvus.io/allow-unsafe-upgrade",
        MilvusEdits.ALLOWED_BY).containsEntry("keep", "me");
  }

  @Test
  void anExplicitVersionFollowsTheImage() {
    Milvus milvus = cluster();
    milvus.getSpec().getComponents().setVersion("v2.1.4");

    MilvusEdits.start(milvus, new UpgradeAction.StartMilvus("milvusdb/milvus:v2.4.23", "v2.4.23", null, null, true),
        "up");

    assertThat(milvus.getSpec().getComponents().getVersion()).isEqualTo("v2.4.23");
  }

  @Test
  void thePermissionTheUserGaveIsTheirs() {
    Milvus milvus = cluster();
    milvus.getMetadata().getAnnotations().put("milvus.io/allow-unsafe-upgrade", "true");

    MilvusEdits.start(milvus, new UpgradeAction.StartMilvus("milvusdb/milvus:v2.4.23", "v2.4.23", null, null, true),
        "up");
    MilvusEdits.release(milvus);

    assertThat(milvus.getMetadata().getAnnotations()).containsEntry("milvus.io/allow-unsafe-upgrade", "true")
        .doesNotContainKey(MilvusEdits.ALLOWED_BY);
  }

  @Test
  void theRollbackStartTakesThePermissionBack() {
    Milvus milvus = cluster();
    MilvusEdits.start(milvus, new UpgradeAction.StartMilvus("milvusdb/milvus:v2.4.23", "v2.4.23", null, null, true),
        "up");

    MilvusEdits.start(milvus, new UpgradeAction.StartMilvus("milvusdb/milvus:v2.1.4", "v2.1.4", null, null, false),
        "up");

    assertThat(milvus.getMetadata().getAnnotations()).doesNotContainKeys("milvus.io/allow-unsafe-upgrade",
        MilvusEdits.ALLOWED_BY);
    assertThat(milvus.getSpec().getComponents().getImage()).isEqualTo("milvusdb/milvus:v2.1.4");
  }
}
