package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A fake Kubernetes controller: informer events become keys in a work queue, and {@link #reconcile} brings one
 * object in line with what Kubernetes would do. Reconcile reads its object from the informer cache (patched with
 * our own latest writes) and the object's children from the API server (strongly consistent, so nothing just
 * created is missed), and must be idempotent.
 */
abstract class SimController implements AutoCloseable {

  protected final SimContext ctx;
  protected final WorkQueue<ObjectKey> queue;

  SimController(SimContext ctx, String name) {
    this.ctx = ctx;
    this.queue = new WorkQueue<>(name, this::reconcile, ctx.timers());
  }

  /** Registers informer handlers; called before the informers start. */
  abstract void register();

  abstract void reconcile(ObjectKey key) throws Exception;

  Instant now() {
    return ctx.clock().instant();
  }

  /** Writes the object's status through the status subresource. */
  <T extends HasMetadata> T writeStatus(T object) {
    T written = ctx.client().resource(object).updateStatus();
    ctx.informers().remember(written);
    return written;
  }

  /** A JSON merge patch of the object's main resource, in one request (no read first). */
  <T extends HasMetadata> T mergePatch(T object, Map<String, Object> patch) {
    String json = ctx.client().getKubernetesSerialization().asJson(patch);
    T written = ctx.client().resource(object).patch(PatchContext.of(PatchType.JSON_MERGE), json);
    ctx.informers().remember(written);
    return written;
  }

  /**
   * Creates a pod for {@code owner}. A pod the API server refuses (a missing ServiceAccount, an invalid template) is
   * recorded as a FailedCreate Event on the owner, as Kubernetes' controllers do, and the refusal is thrown so the
   * work queue retries with backoff; {@code describe} says how the controller words the failure.
   */
  Pod createPod(HasMetadata owner, Pod pod, java.util.function.UnaryOperator<String> describe) {
    try {
      return ctx.client().pods().inNamespace(owner.getMetadata().getNamespace()).resource(pod).create();
    } catch (KubernetesClientException e) {
      if (e.getStatus() != null && e.getCode() >= 400 && e.getCode() < 500 && e.getCode() != 409) {
        SimEvents.record(ctx.client(), owner, "Warning", "FailedCreate", describe.apply(e.getStatus().getMessage()), now());
      }
      throw e;
    }
  }

  void requeueAt(ObjectKey key, Instant when) {
    queue.addAfter(key, Duration.between(now(), when).plusMillis(5));
  }

  @Override
  public void close() {
    queue.close();
  }
}
