package io.milvus.operator.observability;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource;
import io.milvus.operator.api.v1beta1.Milvus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * JOSDK's metrics, plus a handle on the Milvus controller's informer cache, which JOSDK hands to metrics when it
 * registers a controller: the Milvus gauges read it instead of watching Milvus a second time.
 */
final class MilvusCacheCapture implements Metrics {

  private final Metrics delegate;
  private final AtomicReference<ControllerEventSource<Milvus>> milvusCache = new AtomicReference<>();

  MilvusCacheCapture(Metrics delegate) {
    this.delegate = delegate;
  }

  /**
   * The Milvus resources in the cache.
   *
   * @throws IllegalStateException when there is no cache to read: before the controller runs (for example while this
   *     replica is not the leader) or when reading it fails; "no Milvus" would be a lie then
   */
  List<Milvus> milvuses() {
    ControllerEventSource<Milvus> cache = milvusCache.get();
    if (cache == null) {
      throw new IllegalStateException("the Milvus controller is not registered");
    }
    try {
      return cache.list().toList();
    } catch (RuntimeException notStarted) {
      throw new IllegalStateException("the Milvus cache cannot be read (not started, or not the leader): "
          + notStarted.getMessage(), notStarted);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    if (Milvus.class.equals(controller.getConfiguration().getResourceClass())) {
      milvusCache.set(((Controller<Milvus>) controller).getEventSourceManager().getControllerEventSource());
    }
    delegate.controllerRegistered(controller);
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    delegate.receivedEvent(event, metadata);
  }

  @Override
  public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    delegate.reconcileCustomResource(resource, retryInfo, metadata);
  }

  @Override
  public void failedReconciliation(HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    delegate.failedReconciliation(resource, exception, metadata);
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    delegate.reconciliationExecutionStarted(resource, metadata);
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    delegate.reconciliationExecutionFinished(resource, metadata);
  }

  @Override
  public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
    delegate.cleanupDoneFor(resourceID, metadata);
  }

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    delegate.finishedReconciliation(resource, metadata);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    return delegate.timeControllerExecution(execution);
  }

  @Override
  public <T extends Map<?, ?>> T monitorSizeOf(T map, String name) {
    return delegate.monitorSizeOf(map, name);
  }
}
