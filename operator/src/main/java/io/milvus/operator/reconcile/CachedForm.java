package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** What the informers keep of an object: all of it but what the operator never reads. */
public final class CachedForm {

  private CachedForm() {}

  /**
   * The API server's record of which client set which field (server-side apply's bookkeeping, often the largest part
   * of an object's metadata): the operator never reads it, and an update without it leaves it as it is.
   */
  public static <R extends HasMetadata> R withoutManagedFields(R object) {
    object.getMetadata().setManagedFields(null);
    return object;
  }

  /**
   * The store of a controller's own informer (Milvus, MilvusUpgrade) for these watched namespaces (empty: all), as
   * {@link #store} decides.
   */
  public static <R extends HasMetadata> Optional<ItemStore<R>> primaryStore(Set<String> namespaces) {
    return store(namespaces.size() <= 1, CachedForm::withoutManagedFields);
  }

  /** The store of an event source of this controller, as {@link #store} decides (null: JOSDK's default). */
  static <R extends HasMetadata, P extends HasMetadata> ItemStore<R> secondaryStore(EventSourceContext<P> ctx,
      UnaryOperator<R> slim) {
    // the controller's namespaces as its informers see them: all namespaces is one entry too
    return store(ctx.getControllerConfiguration().getInformerConfig().getNamespaces().size() == 1, slim).orElse(null);
  }

  /**
   * A store that caches each object as {@code slim} leaves it, where one informer fills it; none (JOSDK's default
   * store, whole objects) where the controller watches several namespaces: JOSDK hands the one store to the informer
   * of each, and a transforming store is not made to be shared.
   */
  private static <R extends HasMetadata> Optional<ItemStore<R>> store(boolean oneInformer, UnaryOperator<R> slim) {
    return oneInformer ? Optional.of(new TransformingItemStore<>(slim)) : Optional.empty();
  }
}
