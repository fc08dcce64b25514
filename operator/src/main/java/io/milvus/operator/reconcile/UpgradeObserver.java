package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.milvus.operator.api.MilvusDefaults;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.api.v1beta1.MilvusUpgradeSpec;
import io.milvus.operator.upgrade.JobRuns;
import io.milvus.operator.upgrade.MilvusView;
import io.milvus.operator.upgrade.MilvusViews;
import io.milvus.operator.upgrade.TaskResources;
import io.milvus.operator.upgrade.TaskRun;
import io.milvus.operator.upgrade.UpgradeState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads what an upgrade depends on, from the informer caches (and the API server where a cache may lag). */
final class UpgradeObserver {

  /**
   * @param milvus the Milvus as read, for the edits and Events
   * @param defaultedMilvusSpec its spec with the operator's defaults (what its reconciler deploys)
   */
  record Observation(Optional<Milvus> milvus, Optional<MilvusSpec> defaultedMilvusSpec, Optional<MilvusView> view,
      Map<String, TaskRun> jobs, List<MilvusUpgrade> siblings, boolean backupPvcExists) {}

  private final OperatorSettings settings;

  UpgradeObserver(OperatorSettings settings) {
    this.settings = settings;
  }

  Observation observe(MilvusUpgrade upgrade, MilvusUpgradeSpec spec, Context<MilvusUpgrade> context) {
    Optional<Milvus> milvus = context.getSecondaryResource(Milvus.class, UpgradeEventSources.MILVUS);
    Optional<MilvusSpec> defaulted = milvus.map(m -> MilvusDefaults.apply(m.getSpec(), settings.defaults()));
    Optional<MilvusView> view = milvus.map(m -> MilvusViews.of(m, defaulted.orElseThrow(),
        context.getSecondaryResources(Deployment.class).stream().toList()));
    UpgradeState state = UpgradeState.of(upgrade.getStatus() == null ? null : upgrade.getStatus().getState());
    return new Observation(milvus, defaulted, view, jobs(upgrade, context),
        UpgradeEventSources.siblingsOf(context.getPrimaryCache(), upgrade),
        state != UpgradeState.PENDING || backupPvcExists(upgrade, spec, context));
  }

  private static Map<String, TaskRun> jobs(MilvusUpgrade upgrade, Context<MilvusUpgrade> context) {
    String name = upgrade.getMetadata().getName();
    String namespace = upgrade.getMetadata().getNamespace();
    Map<String, TaskRun> runs = new LinkedHashMap<>();
    context.getSecondaryResources(Job.class).stream()
        .filter(j -> Objects.equals(namespace, j.getMetadata().getNamespace()))
        .filter(j -> name.equals(j.getMetadata().getLabels().get(TaskResources.UPGRADE_LABEL)))
        .forEach(j -> runs.put(j.getMetadata().getName(), JobRuns.of(j)));
    JobRuns.awaited(name, upgrade.getStatus()).filter(job -> !runs.containsKey(job)).ifPresent(job -> {
      Job live = context.getClient().batch().v1().jobs().inNamespace(namespace).withName(job).get();
      if (live != null) {
        runs.put(job, JobRuns.of(live));
      }
    });
    return runs;
  }

  /** Only a user's PVC is checked, and only before the upgrade starts (the operator creates its own). */
  private static boolean backupPvcExists(MilvusUpgrade upgrade, MilvusUpgradeSpec spec, Context<MilvusUpgrade> context) {
    String claim = spec.getBackupPVC();
    if (claim == null || claim.isBlank()) {
      return true;
    }
    PersistentVolumeClaim pvc = context.getClient().persistentVolumeClaims()
        .inNamespace(upgrade.getMetadata().getNamespace()).withName(claim).get();
    return pvc != null;
  }
}
