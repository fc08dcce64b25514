package io.milvus.operator.reconcile;

import io.milvus.operator.decide.Written;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.api.v1beta1.MilvusUpgradeSpec;
import io.milvus.operator.render.MilvusConfig;
import io.milvus.operator.upgrade.EtcdAccess;
import io.milvus.operator.upgrade.MigrationToolConfig;
import io.milvus.operator.upgrade.MilvusEdits;
import io.milvus.operator.upgrade.TaskKind;
import io.milvus.operator.upgrade.TaskResources;
import io.milvus.operator.upgrade.UpgradeAction;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Carries out the actions of an upgrade decision against the cluster; each is safe to repeat. */
final class UpgradeActuator {

  private static final Logger LOG = LoggerFactory.getLogger(UpgradeActuator.class);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final OperatorSettings settings;

  UpgradeActuator(OperatorSettings settings) {
    this.settings = settings;
  }

  /** Everything an action may need. */
  record Target(MilvusUpgrade upgrade, MilvusUpgradeSpec spec, Milvus milvus, MilvusSpec defaultedMilvusSpec,
      Context<MilvusUpgrade> context, EventRecorder events) {

    String describe() {
      return upgrade.getMetadata().getNamespace() + "/" + upgrade.getMetadata().getName();
    }
  }

  void perform(UpgradeAction action, Target t) {
    if (action instanceof UpgradeAction.StopMilvus stop) {
      editMilvus(t, m -> MilvusEdits.stop(m, stop.replicas()));
    } else if (action instanceof UpgradeAction.MarkStopped mark) {
      editMilvus(t, m -> MilvusEdits.markStopped(m, mark.at()));
    } else if (action instanceof UpgradeAction.StartMilvus start) {
      editMilvus(t, m -> MilvusEdits.start(m, start, t.upgrade().getMetadata().getName()));
    } else if (action instanceof UpgradeAction.ReleaseMilvus) {
      editMilvus(t, MilvusEdits::release);
    } else if (action instanceof UpgradeAction.RunTask run) {
      runTask(t, run.kind(), run.attempt());
    } else if (action instanceof UpgradeAction.Announce a) {
      announce(t, a);
    } else {
      throw new IllegalArgumentException("unknown action " + action);
    }
  }

  private void editMilvus(Target t, UnaryOperator<Milvus> edit) {
    Milvus milvus = t.milvus();
    Milvus updated = t.context().getClient().resources(Milvus.class).inNamespace(milvus.getMetadata().getNamespace())
        .withName(milvus.getMetadata().getName()).edit(edit);
    // The next decision must see this edit even if the watch has not delivered it yet.
    milvusCache(t.context()).handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, milvus);
  }

  @SuppressWarnings("unchecked")
  private static InformerEventSource<Milvus, MilvusUpgrade> milvusCache(Context<MilvusUpgrade> context) {
    return (InformerEventSource<Milvus, MilvusUpgrade>) context.eventSourceRetriever()
        .getEventSourceFor(Milvus.class, UpgradeEventSources.MILVUS);
  }

  private void runTask(Target t, TaskKind kind, int attempt) {
    KubernetesClient client = t.context().getClient();
    MigrationSetup setup = setup(t);
    TaskResources.Context ctx = setup.context();
    String ns = t.upgrade().getMetadata().getNamespace();
    if (TaskResources.ownsBackupPvc(t.spec())) {
      var pvc = new ObjectApplier(client).createIfAbsent(TaskResources.backupPvc(ctx), Optional.empty());
      if (pvc.outcome() == Written.Outcome.CREATED) {
        t.events().normal(t.upgrade(), "CreatedBackupPVC", "Created PersistentVolumeClaim " + ctx.backupPvc()
            + " (" + TaskResources.BACKUP_PVC_SIZE + ") for the backup; it is kept when this MilvusUpgrade is deleted");
      }
    }
    String yaml = MigrationToolConfig.render(kind, t.spec().getSourceVersion(), t.spec().getTargetVersion(), setup.etcd());
    boolean secret = setup.etcd().auth().isPresent();
    HasMetadata config = TaskResources.config(ctx, kind, yaml, secret);
    new ObjectApplier(client).apply(config, Optional.ofNullable(client.resource(config).get()));
    Job job = TaskResources.job(ctx, kind, attempt, secret);
    try {
      client.batch().v1().jobs().inNamespace(ns).resource(job).create();
      LOG.info("{}: created Job {} to {}", t.describe(), job.getMetadata().getName(), kind.purpose());
      t.events().normal(t.upgrade(), "CreatedJob", "Created Job " + job.getMetadata().getName() + " to "
          + kind.purpose() + " (image " + ctx.toolImage() + ")");
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // Already there (created before a restart, or still terminating): never a second run of the same step.
      LOG.info("{}: Job {} exists already", t.describe(), job.getMetadata().getName());
    }
  }

  private record MigrationSetup(TaskResources.Context context, EtcdAccess etcd) {}

  private MigrationSetup setup(Target t) {
    Milvus milvus = t.milvus();
    MilvusSpec defaulted = t.defaultedMilvusSpec();
    EtcdAccess etcd = EtcdAccess.from(MilvusConfig.render(milvus.getMetadata().getName(),
        milvus.getMetadata().getNamespace(), defaulted));
    MilvusComponents components = defaulted.getComponents();
    List<LocalObjectReference> pullSecrets = components.getImagePullSecrets() == null ? List.of()
        : components.getImagePullSecrets();
    // The certificates etcd TLS needs are files Milvus gets from its own volumes: mount them the same way.
    List<Volume> volumes = !etcd.tls() || components.getVolumes() == null ? List.of()
        : components.getVolumes().stream().map(v -> JSON.convertValue(v, Volume.class)).toList();
    List<VolumeMount> mounts = !etcd.tls() || components.getVolumeMounts() == null ? List.of()
        : components.getVolumeMounts();
    String backupPvc = TaskResources.backupPvcName(t.upgrade().getMetadata().getName(), t.spec());
    return new MigrationSetup(new TaskResources.Context(t.upgrade().getMetadata().getName(),
        t.upgrade().getMetadata().getNamespace(), t.upgrade().getMetadata().getUid(), t.spec().getToolImage(),
        backupPvc, settings.upgrade().taskDeadline(), pullSecrets, volumes, mounts), etcd);
  }

  private static void announce(Target t, UpgradeAction.Announce a) {
    if (a.warning()) {
      t.events().warning(t.upgrade(), a.reason(), a.message());
    } else {
      t.events().normal(t.upgrade(), a.reason(), a.message());
    }
    if (a.aboutMilvus()) {
      String message = "MilvusUpgrade " + t.upgrade().getMetadata().getName() + ": " + a.message();
      if (a.warning()) {
        t.events().warning(t.milvus(), a.reason(), message);
      } else {
        t.events().normal(t.milvus(), a.reason(), message);
      }
    }
  }
}
