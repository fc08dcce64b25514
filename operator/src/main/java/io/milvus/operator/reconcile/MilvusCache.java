package io.milvus.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.milvus.operator.api.v1beta1.Milvus;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Milvus controller's informer cache, as JOSDK hands it to the reconciler ({@code EventSourceContext
 * .getPrimaryCache()}), for readers outside the reconcile such as the Milvus gauges: they read what the operator
 * already holds instead of watching Milvus a second time.
 */
public final class MilvusCache {

  private final AtomicReference<IndexedResourceCache<Milvus>> cache = new AtomicReference<>();

  void attach(IndexedResourceCache<Milvus> primaryCache) {
    cache.set(primaryCache);
  }

  /**
   * The Milvus resources in the cache.
   *
   * @throws IllegalStateException when there is no cache to read: before the controller prepared it, or when reading
   *     it fails (not started, or this replica is not the leader); "no Milvus" would be a lie then
   */
  public List<Milvus> milvuses() {
    IndexedResourceCache<Milvus> current = cache.get();
    if (current == null) {
      throw new IllegalStateException("the Milvus controller has not prepared its cache");
    }
    try {
      return current.list().toList();
    } catch (RuntimeException notStarted) {
      throw new IllegalStateException("the Milvus cache cannot be read (not started, or not the leader): "
          + notStarted.getMessage(), notStarted);
    }
  }
}
