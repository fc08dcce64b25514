package io.milvus.operator.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.reconcile.CachedForm;
import io.milvus.operator.reconcile.MilvusCache;
import io.milvus.operator.reconcile.MilvusReconciler;
import io.milvus.operator.reconcile.MilvusUpgradeReconciler;
import io.milvus.operator.reconcile.OperatorSettings;
import io.milvus.operator.reconcile.SpecOrAnnotationChange;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/** Builds the JOSDK operator with this project's reconcilers, for production, tests and the sandbox alike. */
public final class MilvusOperator {

  /** Both reconcilers, by the Go operator's names. */
  public static final Set<String> ALL_RECONCILERS = Set.of(UpstreamFlags.MILVUS, UpstreamFlags.MILVUS_UPGRADE);

  private MilvusOperator() {}

  /**
   * @param namespaces the namespaces to watch; empty means all
   * @param resync how often every Milvus is reconciled even when nothing changed (a safety net, not the driver)
   */
  public static Operator create(KubernetesClient client, OperatorSettings settings, Set<String> namespaces,
      Duration resync) {
    return create(client, settings, namespaces, resync, overrider -> { }, new MilvusCache(), ALL_RECONCILERS);
  }

  /** With the {@code run} command's process-level settings (metrics reading the Milvus cache, leader election). */
  public static Operator create(KubernetesClient client, OperatorSettings settings, Set<String> namespaces,
      Duration resync, OperatorRuntime runtime) {
    return create(client, settings, namespaces, resync, runtime, ALL_RECONCILERS);
  }

  /** With process-level settings and a cache for readers outside the reconcile; both reconcilers. */
  public static Operator create(KubernetesClient client, OperatorSettings settings, Set<String> namespaces,
      Duration resync, Consumer<ConfigurationServiceOverrider> runtimeConfig, MilvusCache milvusCache) {
    return create(client, settings, namespaces, resync, runtimeConfig, milvusCache, ALL_RECONCILERS);
  }

  /** With the {@code run} command's process-level settings: metrics (reading the Milvus cache), leader election. */
  public static Operator create(KubernetesClient client, OperatorSettings settings, Set<String> namespaces,
      Duration resync, OperatorRuntime runtime, Set<String> reconcilers) {
    return create(client, settings, namespaces, resync, runtime::configure, runtime.milvusCache(), reconcilers);
  }

  /**
   * @param runtimeConfig adds process-level settings: metrics, leader election
   * @param milvusCache handed the Milvus informer cache, for readers outside the reconcile (the gauges)
   * @param reconcilers which reconcilers run, by the Go operator's names (its --stop-reconcilers stops the others)
   */
  public static Operator create(KubernetesClient client, OperatorSettings settings, Set<String> namespaces,
      Duration resync, Consumer<ConfigurationServiceOverrider> runtimeConfig, MilvusCache milvusCache,
      Set<String> reconcilers) {
    // Server-side apply is off: plain create/update/patch is what the in-memory API server supports, so the tested
    // path is the production path (Flink's operator makes the same choice).
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withStopOnInformerErrorDuringStartup(false)
          .withConcurrentReconciliationThreads(defaultConcurrentReconciles());
      runtimeConfig.accept(o);
    });
    if (reconcilers.contains(UpstreamFlags.MILVUS)) {
      registerMilvus(operator, settings, namespaces, resync, milvusCache);
    }
    if (reconcilers.contains(UpstreamFlags.MILVUS_UPGRADE)) {
      registerMilvusUpgrade(operator, settings, namespaces, resync);
    }
    return operator;
  }

  private static void registerMilvus(Operator operator, OperatorSettings settings, Set<String> namespaces,
      Duration resync, MilvusCache milvusCache) {
    operator.register(new MilvusReconciler(settings, milvusCache), c -> {
      if (!namespaces.isEmpty()) {
        c.settingNamespaces(namespaces);
      }
      c.withReconciliationMaxInterval(resync);
      // annotations (allow-unsafe-upgrade, the MilvusUpgrade's marks) take effect without a spec change
      c.withGenerationAware(false);
      c.withOnUpdateFilter(new SpecOrAnnotationChange<>());
      CachedForm.<Milvus>primaryStore(namespaces).ifPresent(c::withItemStore);
    });
  }

  private static void registerMilvusUpgrade(Operator operator, OperatorSettings settings, Set<String> namespaces,
      Duration resync) {
    // Driven by its Jobs, its Milvus and that Milvus's Deployments; the resync is only the same safety net.
    operator.register(new MilvusUpgradeReconciler(settings), c -> {
      if (!namespaces.isEmpty()) {
        c.settingNamespaces(namespaces);
      }
      c.withReconciliationMaxInterval(resync);
      CachedForm.<MilvusUpgrade>primaryStore(namespaces).ifPresent(c::withItemStore);
    });
  }

  /**
   * Reconciles mostly wait on the API server, so a few per core keep the cores busy; JOSDK's own default (50) only
   * adds threads that contend for the same cores and the same API server on a small machine.
   */
  public static int defaultConcurrentReconciles() {
    return 4 * Runtime.getRuntime().availableProcessors();
  }
}
