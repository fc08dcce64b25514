package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.render.Labels;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.Names;
import io.milvus.operator.upgrade.TaskResources;
import io.milvus.operator.upgrade.UpgradeAdmission;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What wakes a MilvusUpgrade: its tool Jobs, the Milvus it names, that Milvus's Deployments (for the stop), and the
 * other MilvusUpgrades of the same Milvus (one of them finishing may let this one start). A Milvus may live in another
 * namespace than its upgrades: the primary cache is indexed by the Milvus each upgrade names.
 */
final class UpgradeEventSources {

  static final String MILVUS = "milvus";
  static final String DEPLOYMENTS = "milvus-deployments";
  static final String JOBS = "upgrade-jobs";
  static final String SIBLINGS = "sibling-upgrades";
  private static final String BY_TARGET = "by-target-milvus";

  private UpgradeEventSources() {}

  static List<EventSource<?, MilvusUpgrade>> create(EventSourceContext<MilvusUpgrade> ctx) {
    IndexedResourceCache<MilvusUpgrade> upgrades = ctx.getPrimaryCache();
    ctx.getPrimaryCache().addIndexer(BY_TARGET, u -> List.of(targetKey(u)));
    return List.of(
        new InformerEventSource<>(InformerEventSourceConfiguration.from(Milvus.class, MilvusUpgrade.class)
            .withName(MILVUS)
            .withSecondaryToPrimaryMapper(m -> upgradesOf(upgrades, m.getMetadata().getNamespace(),
                m.getMetadata().getName()))
            .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<MilvusUpgrade>) u ->
                Set.of(new ResourceID(UpgradeAdmission.targetName(u), UpgradeAdmission.targetNamespace(u))))
            .withItemStore(CachedForm.secondaryStore(ctx, CachedForm::withoutManagedFields))
            .build(), ctx),
        new InformerEventSource<>(InformerEventSourceConfiguration.from(Deployment.class, MilvusUpgrade.class)
            .withName(DEPLOYMENTS)
            .withLabelSelector(Secondaries.MANAGED)
            .withSecondaryToPrimaryMapper(d -> {
              String instance = d.getMetadata().getLabels() == null ? null
                  : d.getMetadata().getLabels().get(Labels.INSTANCE);
              return instance == null ? Set.of() : upgradesOf(upgrades, d.getMetadata().getNamespace(), instance);
            })
            .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<MilvusUpgrade>) u ->
                componentDeployments(UpgradeAdmission.targetName(u), UpgradeAdmission.targetNamespace(u)))
            .withItemStore(CachedForm.secondaryStore(ctx, UpgradeEventSources::withoutTemplate))
            .build(), ctx),
        new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, MilvusUpgrade.class)
            .withName(JOBS)
            .withLabelSelector(TaskResources.UPGRADE_LABEL)
            .withSecondaryToPrimaryMapper(job -> Set.of(new ResourceID(
                job.getMetadata().getLabels().get(TaskResources.UPGRADE_LABEL), job.getMetadata().getNamespace())))
            .withItemStore(CachedForm.secondaryStore(ctx, CachedForm::withoutManagedFields))
            .build(), ctx),
        new InformerEventSource<>(InformerEventSourceConfiguration.from(MilvusUpgrade.class, MilvusUpgrade.class)
            .withName(SIBLINGS)
            .withSecondaryToPrimaryMapper(u -> upgradesOf(upgrades, UpgradeAdmission.targetNamespace(u),
                    UpgradeAdmission.targetName(u)).stream()
                .filter(id -> !id.equals(ResourceID.fromResource(u))).collect(Collectors.toSet()))
            .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<MilvusUpgrade>) u -> Set.of())
            .withItemStore(CachedForm.secondaryStore(ctx, CachedForm::withoutManagedFields))
            .build(), ctx));
  }

  /**
   * An upgrade reads a Deployment's replicas, status and metadata (has the stop been seen?), never its pod template,
   * the bulk of it; the Milvus reconciler's own cache keeps the whole Deployment.
   */
  private static Deployment withoutTemplate(Deployment deployment) {
    if (deployment.getSpec() != null) {
      deployment.getSpec().setTemplate(null);
    }
    return CachedForm.withoutManagedFields(deployment);
  }

  /** The MilvusUpgrades that name the Milvus {@code namespace/name}. */
  static Set<ResourceID> upgradesOf(IndexedResourceCache<MilvusUpgrade> upgrades, String namespace, String name) {
    return upgrades.byIndex(BY_TARGET, namespace + "/" + name).stream().map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  static List<MilvusUpgrade> siblingsOf(IndexedResourceCache<MilvusUpgrade> upgrades, MilvusUpgrade upgrade) {
    return upgrades.byIndex(BY_TARGET, targetKey(upgrade)).stream()
        .filter(u -> !ResourceID.fromResource(u).equals(ResourceID.fromResource(upgrade))).toList();
  }

  private static String targetKey(MilvusUpgrade upgrade) {
    return UpgradeAdmission.targetNamespace(upgrade) + "/" + UpgradeAdmission.targetName(upgrade);
  }

  private static Set<ResourceID> componentDeployments(String milvus, String namespace) {
    return Arrays.stream(MilvusComponent.values())
        .map(c -> new ResourceID(Names.deployment(milvus, c), namespace)).collect(Collectors.toSet());
  }
}
