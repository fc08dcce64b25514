package io.milvus.operator.upgrade;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgradeSpec;
import io.milvus.operator.render.Labels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure: the objects of one tool run: the backup PVC, the config (ConfigMap, or Secret when it holds a password), the Job. */
public final class TaskResources {

  public static final String UPGRADE_LABEL = "milvus.io/upgrade";
  public static final String TASK_KIND_LABEL = "milvus.io/task-kind";
  public static final String BINARY = "/milvus/bin/meta-migration";
  public static final String BACKUP_PVC_SIZE = "10Gi";
  private static final String CONFIG_VOLUME = "migration-config";
  private static final String BACKUP_VOLUME = "backup";

  private TaskResources() {}

  /**
   * Where a task runs and with what.
   *
   * @param uid the MilvusUpgrade's uid: its ConfigMaps and Jobs are garbage-collected with it
   * @param pullSecrets the Milvus's image pull secrets, for a tool image in the same private registry
   * @param volumes the Milvus's own volumes, mounted as Milvus mounts them when its etcd uses TLS (certificates)
   */
  public record Context(String upgrade, String namespace, String uid, String toolImage, String backupPvc,
      Duration deadline, List<LocalObjectReference> pullSecrets, List<Volume> volumes, List<VolumeMount> mounts) {}

  /** The backup's PVC: the user's {@code backupPVC}, else the one named after the upgrade that the operator makes. */
  public static String backupPvcName(String upgrade, MilvusUpgradeSpec spec) {
    return ownsBackupPvc(spec) ? upgrade : spec.getBackupPVC();
  }

  public static boolean ownsBackupPvc(MilvusUpgradeSpec spec) {
    return spec.getBackupPVC() == null || spec.getBackupPVC().isBlank();
  }

  /** The PVC the operator creates for the backup. No owner: the backup outlives the MilvusUpgrade. */
  public static PersistentVolumeClaim backupPvc(Context ctx) {
    return new PersistentVolumeClaimBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(ctx.backupPvc()).withNamespace(ctx.namespace())
            .withLabels(labels(ctx.upgrade(), null)).build())
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withNewResources().withRequests(Map.of("storage", new Quantity(BACKUP_PVC_SIZE))).endResources()
        .endSpec()
        .build();
  }

  /** The task's migration.yaml: in a Secret when it carries the etcd password, else in a ConfigMap. */
  public static HasMetadata config(Context ctx, TaskKind kind, String migrationYaml, boolean secret) {
    ObjectMeta meta = owned(ctx, kind.configName(ctx.upgrade()), kind);
    if (secret) {
      // data, not stringData: the API server stores stringData as data, so a stringData form never equals what is read
      return new SecretBuilder().withMetadata(meta).withType("Opaque").withData(Map.of(MigrationToolConfig.FILE_NAME,
          Base64.getEncoder().encodeToString(migrationYaml.getBytes(StandardCharsets.UTF_8)))).build();
    }
    return new ConfigMapBuilder().withMetadata(meta).withData(Map.of(MigrationToolConfig.FILE_NAME, migrationYaml)).build();
  }

  public static Job job(Context ctx, TaskKind kind, int attempt, boolean secretConfig) {
    String name = kind.jobName(ctx.upgrade(), attempt);
    List<VolumeMount> mounts = new ArrayList<>(List.of(
        new VolumeMountBuilder().withName(BACKUP_VOLUME).withMountPath(MigrationToolConfig.DATA_DIR).build(),
        new VolumeMountBuilder().withName(CONFIG_VOLUME)
            .withMountPath(MigrationToolConfig.CONFIG_DIR + "/" + MigrationToolConfig.FILE_NAME)
            .withSubPath(MigrationToolConfig.FILE_NAME).withReadOnly(true).build()));
    mounts.addAll(ctx.mounts());
    VolumeBuilder config = new VolumeBuilder().withName(CONFIG_VOLUME);
    if (secretConfig) {
      config.withNewSecret().withSecretName(kind.configName(ctx.upgrade())).endSecret();
    } else {
      config.withNewConfigMap().withName(kind.configName(ctx.upgrade())).endConfigMap();
    }
    List<Volume> volumes = new ArrayList<>(List.of(
        new VolumeBuilder().withName(BACKUP_VOLUME).withNewPersistentVolumeClaim()
            .withClaimName(ctx.backupPvc()).endPersistentVolumeClaim().build(),
        config.build()));
    volumes.addAll(ctx.volumes());
    return new JobBuilder()
        .withMetadata(owned(ctx, name, kind))
        .withNewSpec()
        // One pod per Job: a retry is a new Job the operator decides on, never a silent re-run of the tool.
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(ctx.deadline().toSeconds())
        .withNewTemplate()
        .withNewMetadata().withLabels(labels(ctx.upgrade(), kind)).endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withImagePullSecrets(ctx.pullSecrets())
        .addNewContainer()
        .withName(kind.label())
        .withImage(ctx.toolImage())
        .withCommand(BINARY)
        .withArgs("-config", MigrationToolConfig.CONFIG_DIR + "/" + MigrationToolConfig.FILE_NAME)
        .withVolumeMounts(mounts)
        .endContainer()
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  static Map<String, String> labels(String upgrade, TaskKind kind) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(UPGRADE_LABEL, upgrade);
    if (kind != null) {
      labels.put(TASK_KIND_LABEL, kind.label());
    }
    labels.put(Labels.MANAGED_BY, Labels.MANAGER);
    return labels;
  }

  private static ObjectMeta owned(Context ctx, String name, TaskKind kind) {
    return new ObjectMetaBuilder().withName(name).withNamespace(ctx.namespace())
        .withLabels(labels(ctx.upgrade(), kind))
        .withOwnerReferences(new OwnerReferenceBuilder()
            .withApiVersion(Milvus.GROUP + "/" + Milvus.VERSION).withKind("MilvusUpgrade")
            .withName(ctx.upgrade()).withUid(ctx.uid()).withController(true).withBlockOwnerDeletion(true).build())
        .build();
  }
}
