package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.decide.CachedObjects;
import io.milvus.operator.render.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The objects the operator watches for a Milvus: those it labelled as managed, mapped back by instance label. */
final class Secondaries {

  static final String MANAGED = Labels.MANAGED_BY + "=" + Labels.MANAGER;

  private Secondaries() {}

  static <R extends HasMetadata> InformerEventSource<R, Milvus> informer(Class<R> type, EventSourceContext<Milvus> ctx) {
    return new InformerEventSource<>(configuration(type)
        .withItemStore(CachedForm.secondaryStore(ctx, CachedForm::withoutManagedFields)).build(), ctx);
  }

  /**
   * Pods as cached: without their spec, most of a pod's size (containers, env, probes, volumes), which the operator
   * never reads: it reads a pod's metadata and status (ready, or why not). At 1,000 standalone Milvus the caches hold
   * 3,000 pods.
   */
  static InformerEventSource<Pod, Milvus> pods(EventSourceContext<Milvus> ctx) {
    return new InformerEventSource<>(configuration(Pod.class)
        .withItemStore(CachedForm.secondaryStore(ctx, Secondaries::withoutSpec)).build(), ctx);
  }

  private static <R extends HasMetadata> InformerEventSourceConfiguration.Builder<R> configuration(Class<R> type) {
    return InformerEventSourceConfiguration.from(type, Milvus.class)
        .withLabelSelector(MANAGED)
        .withSecondaryToPrimaryMapper(Secondaries::owningMilvus)
        .withOnUpdateFilter(new WakingChange<>());
  }

  private static Pod withoutSpec(Pod pod) {
    pod.setSpec(null);
    return CachedForm.withoutManagedFields(pod);
  }

  static <R extends HasMetadata> Optional<R> named(Context<Milvus> context, Class<R> type, String name) {
    return context.getSecondaryResourcesAsStream(type).filter(r -> name.equals(r.getMetadata().getName())).findFirst();
  }

  static <R extends HasMetadata> List<R> all(Context<Milvus> context, Class<R> type) {
    return context.getSecondaryResourcesAsStream(type).toList();
  }

  /** Everything of these types the caches hold for this Milvus. */
  static CachedObjects cached(Context<Milvus> context, List<Class<? extends HasMetadata>> types) {
    List<HasMetadata> objects = new ArrayList<>();
    types.forEach(type -> context.getSecondaryResourcesAsStream(type).forEach(objects::add));
    return CachedObjects.of(objects);
  }

  private static Set<ResourceID> owningMilvus(HasMetadata object) {
    String instance = object.getMetadata().getLabels() == null ? null
        : object.getMetadata().getLabels().get(Labels.INSTANCE);
    return instance == null ? Set.of() : Set.of(new ResourceID(instance, object.getMetadata().getNamespace()));
  }
}
