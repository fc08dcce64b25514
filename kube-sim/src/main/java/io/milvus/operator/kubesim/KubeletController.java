package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the scheduler and the kubelet of the single node: binds every pod to the node and reports container
 * states as its images' {@link PodBehaviour} scripts say. Pods controlled by a Job are left to {@link JobController},
 * which runs them.
 */
final class KubeletController extends SimController {

  static final String HOST_IP = "10.0.0.10";

  /** Precise start times by pod uid: status.startTime has whole seconds only, too coarse for 50 ms delays. */
  private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();

  KubeletController(SimContext ctx) {
    super(ctx, "kubelet");
  }

  @Override
  void register() {
    ctx.informers().on(Pod.class, new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        queue.add(ObjectKey.of(pod));
      }

      @Override
      public void onUpdate(Pod oldPod, Pod newPod) {
        queue.add(ObjectKey.of(newPod));
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        startedAt.remove(pod.getMetadata().getUid());
        ctx.addresses().release(pod.getMetadata().getUid());
      }
    });
    ctx.scripts().onPodScriptsChanged(
        () -> ctx.informers().cached(Pod.class).forEach(p -> queue.add(ObjectKey.of(p))));
  }

  @Override
  void reconcile(ObjectKey key) {
    Pod pod = ctx.informers().get(Pod.class, key);
    if (pod == null) {
      return;
    }
    if (pod.getSpec().getNodeName() == null) {
      pod = mergePatch(pod, Map.of("spec", Map.of("nodeName", ctx.options().nodeName())));
    }
    if (Owners.controllerName(pod, "Job").isPresent()) {
      return;
    }
    String uid = pod.getMetadata().getUid();
    Instant now = now();
    Instant start = startedAt.computeIfAbsent(uid, u -> now);
    PodStatusSimulator.Result result = PodStatusSimulator.simulate(pod, ctx.scripts()::podBehaviourFor, start, now,
        ctx.addresses().podIp(uid), HOST_IP);
    if (!result.status().equals(pod.getStatus())) {
      pod.setStatus(result.status());
      writeStatus(pod);
    }
    if (result.nextChange() != null) {
      requeueAt(key, result.nextChange());
    }
  }
}
