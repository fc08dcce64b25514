package io.milvus.operator.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Kubernetes objects of a tool run, named and labelled as upstream's. */
class TaskResourcesTest {

  static final TaskResources.Context CTX = new TaskResources.Context("up", "ns", "uid-up", "tool:1", "up",
      Duration.ofHours(1), List.of(new LocalObjectReference("regcred")), List.of(), List.of());

  @Test
  void theJobRunsTheToolOnceWithItsConfigAndTheBackupVolume() {
    Job job = TaskResources.job(CTX, TaskKind.BACKUP, 2, false);

    assertThat(job.getMetadata().getName()).isEqualTo("up-backup-meta-2");
    assertThat(job.getMetadata().getLabels()).containsEntry("milvus.io/upgrade", "up")
        .containsEntry("milvus.io/task-kind", "backup-meta")
        .containsEntry("app.kubernetes.io/managed-by", "milvus-operator");
    assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
      assertThat(o.getKind()).isEqualTo("MilvusUpgrade");
      assertThat(o.getUid()).isEqualTo("uid-up");
    });
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(3600);
    var pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("regcred");
    var container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("tool:1");
    assertThat(container.getCommand()).containsExactly("/milvus/bin/meta-migration");
    assertThat(container.getArgs()).containsExactly("-config", "/milvus/configs/migration.yaml");
    assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath())
        .containsExactly("/milvus/data", "/milvus/configs/migration.yaml");
    assertThat(pod.getVolumes()).extracting(v -> v.getPersistentVolumeClaim() == null ? null
        : v.getPersistentVolumeClaim().getClaimName()).contains("up");
    assertThat(pod.getVolumes()).extracting(v -> v.getConfigMap() == null ? null : v.getConfigMap().getName())
        .contains("up-backup-meta");
  }

  @Test
  void theMigrationAndRestoreJobsHaveUpstreamsNames() {
    assertThat(TaskResources.job(CTX, TaskKind.MIGRATE, 1, false).getMetadata().getName()).isEqualTo("up-update-meta");
    assertThat(TaskResources.job(CTX, TaskKind.RESTORE, 1, false).getMetadata().getName()).isEqualTo("up-rollback-meta");
  }

  @Test
  void aConfigWithAPasswordGoesIntoASecret() {
    assertThat(TaskResources.config(CTX, TaskKind.MIGRATE, "x: 1", false)).isInstanceOf(ConfigMap.class)
        .satisfies(c -> assertThat(c.getMetadata().getName()).isEqualTo("up-update-meta"));
    Secret secret = (Secret) TaskResources.config(CTX, TaskKind.MIGRATE, "x: 1", true);
    assertThat(secret.getData()).containsEntry("migration.yaml", "eDogMQ==");

    Job job = TaskResources.job(CTX, TaskKind.MIGRATE, 1, true);
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
        .extracting(v -> v.getSecret().getSecretName()).containsExactly("up-update-meta");
  }

  @Test
  void theMilvusVolumesAreMountedForEtcdCertificates() {
    TaskResources.Context tls = new TaskResources.Context("up", "ns", "uid", "tool:1", "up", Duration.ofHours(1),
        List.of(), List.of(new VolumeBuilder().withName("certs").withNewSecret().withSecretName("etcd-certs")
            .endSecret().build()), List.of(new VolumeMountBuilder().withName("certs").withMountPath("/certs").build()));

    var pod = TaskResources.job(tls, TaskKind.BACKUP, 1, false).getSpec().getTemplate().getSpec();

    assertThat(pod.getVolumes()).extracting(Volume::getName).contains("certs");
    assertThat(pod.getContainers().get(0).getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/certs");
  }

  @Test
  void theBackupPvcHasNoOwnerSoItOutlivesTheUpgrade() {
    var pvc = TaskResources.backupPvc(CTX);

    assertThat(pvc.getMetadata().getName()).isEqualTo("up");
    assertThat(pvc.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(pvc.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("10Gi");
    assertThat(pvc.getMetadata().getLabels()).containsEntry("milvus.io/upgrade", "up");
  }

  @Test
  void jobOutcomesComeFromTheirConditions() {
    Job running = new JobBuilder().withNewMetadata().withName("j").endMetadata().build();
    Job done = new JobBuilder(running).withNewStatus().withConditions(new JobConditionBuilder().withType("Complete")
        .withStatus("True").build()).endStatus().build();
    Job failed = new JobBuilder(running).withNewStatus().withConditions(new JobConditionBuilder().withType("Failed")
        .withStatus("True").withReason("DeadlineExceeded").build()).endStatus().build();
    Job deleting = new JobBuilder(done).editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata()
        .build();

    assertThat(JobRuns.of(running).outcome()).isEqualTo(JobOutcome.RUNNING);
    assertThat(JobRuns.of(done).outcome()).isEqualTo(JobOutcome.SUCCEEDED);
    assertThat(JobRuns.of(failed)).satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(JobOutcome.FAILED);
      assertThat(r.detail()).contains("DeadlineExceeded", "kubectl logs job/j");
    });
    assertThat(JobRuns.of(deleting).outcome()).isEqualTo(JobOutcome.TERMINATING);
  }

  @Test
  void theAwaitedJobIsTheOneOfTheSavedState() {
    var status = Fixtures.status(UpgradeState.BACKUP_META, s -> s.setRetriedTimes(2));
    assertThat(JobRuns.awaited("up", status)).contains("up-backup-meta-3");
    assertThat(JobRuns.awaited("up", Fixtures.status(UpgradeState.UPDATING_META))).contains("up-update-meta");
    assertThat(JobRuns.awaited("up", Fixtures.status(UpgradeState.ROLLBACK_RESTORING_OLD_META)))
        .contains("up-rollback-meta");
    assertThat(JobRuns.awaited("up", Fixtures.status(UpgradeState.OLD_VERSION_STOPPING))).isEmpty();
  }
}
