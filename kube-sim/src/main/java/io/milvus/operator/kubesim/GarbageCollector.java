package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' garbage collector, which the in-memory API server lacks (pitfall P5): when an object is deleted,
 * every object whose ownerReferences name its uid, and none other live owner, is deleted too, recursively
 * (background propagation). Deleting a Namespace deletes everything in it.
 *
 * <p>It watches a registry of kinds for dependents: the usual built-ins, any kind registered with
 * {@link #watchKind}, and, by itself, any kind it sees named as an owner (custom resources included, resolved
 * through their CustomResourceDefinition), so a Deployment owned by a custom resource goes with it.
 */
public final class GarbageCollector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

  /** Kinds watched from the start: the ones operators usually own. */
  static final List<KindResolver.Kind> DEFAULT_KINDS = List.of(
      new KindResolver.Kind("v1", "Pod"), new KindResolver.Kind("v1", "Service"),
      new KindResolver.Kind("v1", "ConfigMap"), new KindResolver.Kind("v1", "Secret"),
      new KindResolver.Kind("v1", "PersistentVolumeClaim"), new KindResolver.Kind("v1", "ServiceAccount"),
      new KindResolver.Kind("apps/v1", "Deployment"), new KindResolver.Kind("apps/v1", "ReplicaSet"),
      new KindResolver.Kind("apps/v1", "StatefulSet"), new KindResolver.Kind("apps/v1", "DaemonSet"),
      new KindResolver.Kind("batch/v1", "Job"), new KindResolver.Kind("batch/v1", "CronJob"),
      new KindResolver.Kind("policy/v1", "PodDisruptionBudget"),
      new KindResolver.Kind("networking.k8s.io/v1", "Ingress"),
      new KindResolver.Kind("rbac.authorization.k8s.io/v1", "Role"),
      new KindResolver.Kind("rbac.authorization.k8s.io/v1", "RoleBinding"));

  /** How long a new dependent's owner may take to show up in its own watch before we look it up. */
  private static final Duration OWNER_GRACE = Duration.ofMillis(300);

  /** An object the collector knows, by kind, place and uid. */
  record ObjectRef(KindResolver.Kind kind, String namespace, String name, String uid) {
  }

  private final KubernetesClient client;
  private final KindResolver kinds;
  private final WorkQueue<ObjectRef> checks;
  private final Map<KindResolver.Kind, SharedIndexInformer<GenericKubernetesResource>> informers = new ConcurrentHashMap<>();
  private final Map<KindResolver.Kind, ResourceDefinitionContext> contexts = new ConcurrentHashMap<>();
  /** Kinds no built-in or CRD defines, with when we last tried (nanoTime), so we retry at most every second. */
  private final Map<KindResolver.Kind, Long> unresolved = new ConcurrentHashMap<>();
  private final Map<String, ObjectRef> liveByUid = new ConcurrentHashMap<>();
  private final Map<String, Set<ObjectRef>> dependentsByOwnerUid = new ConcurrentHashMap<>();
  private final Map<String, List<String>> ownerUidsByUid = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers;
  private SharedIndexInformer<GenericKubernetesResource> namespaceInformer;
  private volatile boolean closed;

  GarbageCollector(KubernetesClient client, ScheduledExecutorService timers) {
    this.client = client;
    this.kinds = new KindResolver(client);
    this.timers = timers;
    this.checks = new WorkQueue<>("garbage-collector", this::check, timers);
  }

  /** Watches the default kinds and Namespaces; completes once each has been listed. */
  CompletableFuture<Void> start() {
    List<CompletableFuture<Void>> syncs = new ArrayList<>();
    for (KindResolver.Kind kind : DEFAULT_KINDS) {
      CompletableFuture<Void> sync = watch(kind);
      if (sync != null) {
        syncs.add(sync);
      }
    }
    ResourceDefinitionContext namespaces = kinds.resolve(new KindResolver.Kind("v1", "Namespace"));
    namespaceInformer = client.genericKubernetesResources(namespaces).runnableInformer(0);
    namespaceInformer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource ns) {
      }

      @Override
      public void onUpdate(GenericKubernetesResource oldNs, GenericKubernetesResource newNs) {
        if (Owners.isTerminating(newNs)) {
          purgeNamespace(newNs.getMetadata().getName());
        }
      }

      @Override
      public void onDelete(GenericKubernetesResource ns, boolean finalStateUnknown) {
        purgeNamespace(ns.getMetadata().getName());
      }
    });
    syncs.add(namespaceInformer.start().toCompletableFuture());
    return CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new));
  }

  /** Also collects objects of this kind, e.g. {@code watchKind("milvus.io/v1beta1", "Milvus")}. */
  public void watchKind(String apiVersion, String kind) {
    watch(new KindResolver.Kind(apiVersion, kind));
  }

  public void watchKind(Class<? extends HasMetadata> type) {
    watchKind(HasMetadata.getApiVersion(type), HasMetadata.getKind(type));
  }

  /** The kinds watched so far, as {@code apiVersion/kind}. */
  public Set<String> watchedKinds() {
    Set<String> names = new TreeSet<>();
    informers.keySet().forEach(k -> names.add(k.toString()));
    return names;
  }

  private synchronized CompletableFuture<Void> watch(KindResolver.Kind kind) {
    if (closed || informers.containsKey(kind)) {
      return null;
    }
    Long lastTry = unresolved.get(kind);
    if (lastTry != null && System.nanoTime() - lastTry < TimeUnit.SECONDS.toNanos(1)) {
      return null;
    }
    ResourceDefinitionContext context = kinds.resolve(kind);
    if (context == null) {
      if (unresolved.put(kind, System.nanoTime()) == null) {
        LOG.debug("garbage collector: kind {} unknown for now", kind);
      }
      return null;
    }
    unresolved.remove(kind);
    contexts.put(kind, context);
    var resources = client.genericKubernetesResources(context);
    SharedIndexInformer<GenericKubernetesResource> informer = context.isNamespaceScoped()
        ? resources.inAnyNamespace().runnableInformer(0)
        : resources.runnableInformer(0);
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource obj) {
        seen(kind, obj, true);
      }

      @Override
      public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
        seen(kind, newObj, false);
      }

      @Override
      public void onDelete(GenericKubernetesResource obj, boolean finalStateUnknown) {
        gone(obj);
      }
    });
    informers.put(kind, informer);
    return informer.start().toCompletableFuture();
  }

  private void seen(KindResolver.Kind kind, GenericKubernetesResource obj, boolean added) {
    String uid = obj.getMetadata().getUid();
    if (uid == null) {
      return;
    }
    ObjectRef ref = new ObjectRef(kind, obj.getMetadata().getNamespace(), obj.getMetadata().getName(), uid);
    liveByUid.put(uid, ref);
    List<OwnerReference> owners = Owners.refs(obj);
    List<String> ownerUids = owners.stream().map(OwnerReference::getUid).toList();
    List<String> before = ownerUidsByUid.put(uid, ownerUids);
    if (before != null) {
      before.stream().filter(o -> !ownerUids.contains(o)).forEach(o -> unlink(o, ref));
    }
    boolean ownerMissing = false;
    for (OwnerReference owner : owners) {
      dependentsByOwnerUid.computeIfAbsent(owner.getUid(), o -> ConcurrentHashMap.newKeySet()).add(ref);
      KindResolver.Kind ownerKind = new KindResolver.Kind(owner.getApiVersion(), owner.getKind());
      if (!informers.containsKey(ownerKind)) {
        timers.execute(() -> watchQuietly(ownerKind));
      }
      ownerMissing |= !liveByUid.containsKey(owner.getUid());
    }
    if (ownerMissing && (added || before == null || !before.equals(ownerUids))) {
      checks.addAfter(ref, OWNER_GRACE);
    }
  }

  private void gone(GenericKubernetesResource obj) {
    String uid = obj.getMetadata().getUid();
    if (uid == null) {
      return;
    }
    ObjectRef ref = liveByUid.remove(uid);
    List<String> owners = ownerUidsByUid.remove(uid);
    if (ref != null && owners != null) {
      owners.forEach(o -> unlink(o, ref));
    }
    Set<ObjectRef> dependents = dependentsByOwnerUid.get(uid);
    if (dependents != null) {
      dependents.forEach(checks::add);
    }
  }

  private void unlink(String ownerUid, ObjectRef dependent) {
    dependentsByOwnerUid.computeIfPresent(ownerUid, (o, set) -> {
      set.remove(dependent);
      return set.isEmpty() ? null : set;
    });
  }

  /** Deletes the object if none of its owners exists any more. */
  private void check(ObjectRef ref) {
    ResourceDefinitionContext context = contexts.get(ref.kind());
    if (context == null) {
      return;
    }
    var resources = client.genericKubernetesResources(context);
    GenericKubernetesResource current = (ref.namespace() == null ? resources.withName(ref.name())
        : resources.inNamespace(ref.namespace()).withName(ref.name())).get();
    if (current == null || !ref.uid().equals(current.getMetadata().getUid()) || Owners.isTerminating(current)) {
      return;
    }
    List<OwnerReference> owners = Owners.refs(current);
    if (owners.isEmpty() || owners.stream().anyMatch(o -> ownerExists(o, ref.namespace()))) {
      return;
    }
    LOG.debug("garbage collector: deleting {} {}/{}: its owners are gone", ref.kind(), ref.namespace(), ref.name());
    (ref.namespace() == null ? resources.withName(ref.name()) : resources.inNamespace(ref.namespace()).withName(ref.name()))
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }

  private boolean ownerExists(OwnerReference owner, String dependentNamespace) {
    if (liveByUid.containsKey(owner.getUid())) {
      return true;
    }
    ResourceDefinitionContext context = kinds.resolve(new KindResolver.Kind(owner.getApiVersion(), owner.getKind()));
    if (context == null) {
      return true; // an owner of a kind nobody defined: leave the dependent alone rather than guess
    }
    var resources = client.genericKubernetesResources(context);
    GenericKubernetesResource found = (context.isNamespaceScoped() && dependentNamespace != null
        ? resources.inNamespace(dependentNamespace).withName(owner.getName())
        : resources.withName(owner.getName())).get();
    return found != null && owner.getUid().equals(found.getMetadata().getUid());
  }

  private void purgeNamespace(String namespace) {
    informers.forEach((kind, informer) -> {
      ResourceDefinitionContext context = contexts.get(kind);
      if (context == null || !context.isNamespaceScoped()) {
        return;
      }
      informer.getStore().list().stream()
          .filter(o -> namespace.equals(o.getMetadata().getNamespace()))
          .forEach(o -> timers.execute(() -> deleteQuietly(context, o)));
    });
  }

  private void deleteQuietly(ResourceDefinitionContext context, GenericKubernetesResource obj) {
    try {
      client.genericKubernetesResources(context).inNamespace(obj.getMetadata().getNamespace())
          .withName(obj.getMetadata().getName()).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    } catch (RuntimeException e) {
      LOG.warn("garbage collector: could not delete {}/{}: {}", obj.getMetadata().getNamespace(), obj.getMetadata().getName(), e.toString());
    }
  }

  private void watchQuietly(KindResolver.Kind kind) {
    try {
      watch(kind);
    } catch (RuntimeException e) {
      LOG.warn("garbage collector: cannot watch {}: {}", kind, e.toString());
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    checks.close();
    informers.values().forEach(SharedIndexInformer::stop);
    if (namespaceInformer != null) {
      namespaceInformer.stop();
    }
  }
}
