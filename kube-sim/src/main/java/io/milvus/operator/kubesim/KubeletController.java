package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
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
  /**
   * The pods a missing claim, Secret or ConfigMap may be holding back: only these are looked at again when one
   * appears. Requeueing every pod of the namespace instead made each new ConfigMap of one Milvus cost a reconcile of
   * every pod of its neighbours (quadratic in the namespace's size: the kubelet thread was the busiest at 300 Milvus).
   */
  private final Set<ObjectKey> waiting = ConcurrentHashMap.newKeySet();

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
        waiting.remove(ObjectKey.of(pod));
        startedAt.remove(pod.getMetadata().getUid());
        ctx.addresses().release(pod.getMetadata().getUid());
      }
    });
    // a pod waiting for a claim, Secret or ConfigMap is looked at again when one appears
    ctx.informers().onChange(PersistentVolumeClaim.class, c -> requeueWaitingIn(c.getMetadata().getNamespace()));
    ctx.informers().onChange(Secret.class, s -> requeueWaitingIn(s.getMetadata().getNamespace()));
    ctx.informers().onChange(ConfigMap.class, c -> requeueWaitingIn(c.getMetadata().getNamespace()));
    // a sandbox user scripts failures by annotating the Namespace (NamespaceFaults)
    ctx.informers().onChange(Namespace.class, n -> requeuePodsIn(n.getMetadata().getName()));
    ctx.scripts().onPodScriptsChanged(
        () -> ctx.informers().cached(Pod.class).forEach(p -> queue.add(ObjectKey.of(p))));
  }

  /** Writes the status when it changed, with the Event a kubelet or scheduler records for what holds the pod. */
  private void bind(Pod pod) {
    Binding binding = new BindingBuilder()
        .withNewMetadata().withName(pod.getMetadata().getName()).withNamespace(pod.getMetadata().getNamespace())
        .endMetadata()
        .withNewTarget().withApiVersion("v1").withKind("Node").withName(ctx.options().nodeName()).endTarget().build();
    try {
      ctx.client().bindings().inNamespace(pod.getMetadata().getNamespace()).resource(binding).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e; // 409: bound already (a stale cache); the informer brings the bound pod
      }
    }
  }

  private void report(Pod pod, PodStatus status, KubeletPreflight.Result preflight) {
    if (status.equals(pod.getStatus())) {
      return;
    }
    if (preflight.unschedulable() != null) {
      SimEvents.record(ctx.client(), pod, "Warning", "FailedScheduling", preflight.unschedulable(), now());
    } else if (preflight.mountFailure() != null) {
      SimEvents.record(ctx.client(), pod, "Warning", "FailedMount", preflight.mountFailure(), now());
    } else {
      preflight.configErrors().values().forEach(error ->
          SimEvents.record(ctx.client(), pod, "Warning", "Failed", "Error: " + error, now()));
    }
    // the cache's metadata and spec, unchanged, with the new status: the request only serializes them
    writeStatus(new Pod(pod.getApiVersion(), pod.getKind(), pod.getMetadata(), pod.getSpec(), status));
  }

  private KubeletPreflight.Objects objectsIn(String namespace) {
    return new KubeletPreflight.Objects() {
      @Override
      public boolean claimExists(String name) {
        PersistentVolumeClaim claim = ctx.informers().cached(PersistentVolumeClaim.class, namespace, name);
        return claim != null && !Owners.isTerminating(claim);
      }

      @Override
      public boolean claimBound(String name) {
        PersistentVolumeClaim claim = ctx.informers().cached(PersistentVolumeClaim.class, namespace, name);
        return claim != null && claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase());
      }

      @Override
      public Optional<Set<String>> secretKeys(String name) {
        return Optional.ofNullable(ctx.informers().cached(Secret.class, namespace, name))
            .map(s -> keys(s.getData(), s.getStringData()));
      }

      @Override
      public Optional<Set<String>> configMapKeys(String name) {
        return Optional.ofNullable(ctx.informers().cached(ConfigMap.class, namespace, name))
            .map(c -> keys(c.getData(), c.getBinaryData()));
      }
    };
  }

  private static Set<String> keys(Map<String, String> first, Map<String, String> second) {
    Set<String> keys = new HashSet<>();
    if (first != null) {
      keys.addAll(first.keySet());
    }
    if (second != null) {
      keys.addAll(second.keySet());
    }
    return keys;
  }

  private void requeueWaitingIn(String namespace) {
    waiting.stream().filter(key -> namespace.equals(key.namespace())).forEach(queue::add);
  }

  private void requeuePodsIn(String namespace) {
    ctx.informers().cached(Pod.class).stream().filter(p -> namespace.equals(p.getMetadata().getNamespace()))
        .forEach(p -> queue.add(ObjectKey.of(p)));
  }

  @Override
  void reconcile(ObjectKey key) {
    // waiting until the preflight says otherwise: an object that appears while this reads the cache requeues it
    waiting.add(key);
    Pod pod = ctx.informers().peek(Pod.class, key); // read only: a status is written as a new Pod (report)
    if (pod == null) {
      waiting.remove(key);
      return;
    }
    KubeletPreflight.Result preflight = KubeletPreflight.check(pod, objectsIn(key.namespace()));
    if (pod.getSpec().getNodeName() == null) {
      if (preflight.unschedulable() != null) { // no node can take it: the scheduler binds it to none
        report(pod, PodStatusSimulator.blocked(pod, preflight, HOST_IP, now()), preflight);
        return;
      }
      bind(pod); // the scheduler's binding: an update may not set the node
      return; // the bound pod comes back through the informer
    }
    if (Owners.controllerName(pod, "Job").isPresent()) {
      waiting.remove(key); // the JobRunner runs it: nothing here waits for an object to appear
      return;
    }
    String uid = pod.getMetadata().getUid();
    Instant now = now();
    if (preflight.blocksEverything()) {
      startedAt.remove(uid); // the containers' clocks start once nothing holds them back
      report(pod, PodStatusSimulator.blocked(pod, preflight, HOST_IP, now), preflight);
      return;
    }
    if (preflight.configErrors().isEmpty()) {
      waiting.remove(key);
    }
    Instant start = startedAt.computeIfAbsent(uid, u -> now);
    Namespace namespace = ctx.informers().cached(Namespace.class, null, key.namespace());
    PodStatusSimulator.Result result = PodStatusSimulator.simulate(pod,
        image -> NamespaceFaults.behaviour(namespace, image).orElseGet(() -> ctx.scripts().podBehaviourFor(image)),
        start, now, ctx.addresses().podIp(uid), HOST_IP);
    report(pod, PodStatusSimulator.withConfigErrors(result.status(), preflight.configErrors()), preflight);
    if (result.nextChange() != null) {
      requeueAt(key, result.nextChange());
    }
  }
}
