package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.Optional;
import java.util.Set;

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
   * The store of a controller's own informer (Milvus, MilvusUpgrade) for these watched namespaces (empty: all), where
   * one informer fills it; none (JOSDK's default store, whole objects) where the controller watches several
   * namespaces, as {@code Secondaries.slimmed} explains.
   */
  public static <R extends HasMetadata> Optional<ItemStore<R>> primaryStore(Set<String> namespaces) {
    return namespaces.size() <= 1 ? Optional.of(new TransformingItemStore<>(CachedForm::withoutManagedFields))
        : Optional.empty();
  }
}
