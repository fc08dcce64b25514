package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** One informer per built-in kind, cluster-wide, shared by the controllers that need it (one watch per kind). */
final class SharedInformers implements AutoCloseable {

  /** The kinds the controllers read and change, each copied by its builder (which copies every nested object). */
  private static final Map<Class<?>, UnaryOperator<HasMetadata>> BUILDER_COPIES = Map.of(
      Pod.class, o -> new PodBuilder((Pod) o).build(),
      Deployment.class, o -> new DeploymentBuilder((Deployment) o).build(),
      ReplicaSet.class, o -> new ReplicaSetBuilder((ReplicaSet) o).build(),
      StatefulSet.class, o -> new StatefulSetBuilder((StatefulSet) o).build(),
      Job.class, o -> new JobBuilder((Job) o).build(),
      PersistentVolumeClaim.class, o -> new PersistentVolumeClaimBuilder((PersistentVolumeClaim) o).build(),
      Namespace.class, o -> new NamespaceBuilder((Namespace) o).build(),
      ConfigMap.class, o -> new ConfigMapBuilder((ConfigMap) o).build());

  private final KubernetesClient client;
  private final Map<Class<?>, SharedIndexInformer<?>> informers = new ConcurrentHashMap<>();
  /** The objects our controllers last wrote, by uid: newer than the cache until the watch delivers the write. */
  private final Map<String, HasMetadata> ownWrites = new ConcurrentHashMap<>();
  private volatile boolean started;

  SharedInformers(KubernetesClient client) {
    this.client = client;
  }

  /** Calls {@code onChange} with the object on every add, update and delete of the kind. */
  <T extends HasMetadata> void onChange(Class<T> type, Consumer<T> onChange) {
    on(type, new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T obj) {
        onChange.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onChange.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onChange.accept(obj);
      }
    });
  }

  @SuppressWarnings("unchecked")
  <T extends HasMetadata> void on(Class<T> type, ResourceEventHandler<T> handler) {
    boolean[] created = {false};
    SharedIndexInformer<T> informer = (SharedIndexInformer<T>) informers.computeIfAbsent(type, t -> {
      created[0] = true;
      return newInformer(type);
    });
    informer.addEventHandler(handler);
    if (started && created[0]) {
      informer.start();
    }
  }

  private <T extends HasMetadata> SharedIndexInformer<T> newInformer(Class<T> type) {
    SharedIndexInformer<T> informer = client.resources(type).inAnyNamespace().runnableInformer(0);
    informer.addEventHandler(new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T obj) {
        caughtUp(obj, false);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        caughtUp(newObj, false);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        caughtUp(obj, true);
      }
    });
    return informer;
  }

  @SuppressWarnings("unchecked")
  <T extends HasMetadata> List<T> cached(Class<T> type) {
    SharedIndexInformer<T> informer = (SharedIndexInformer<T>) informers.get(type);
    return informer == null ? List.of() : informer.getStore().list();
  }

  @SuppressWarnings("unchecked")
  <T extends HasMetadata> T cached(Class<T> type, String namespace, String name) {
    SharedIndexInformer<T> informer = (SharedIndexInformer<T>) informers.get(type);
    if (informer == null) {
      return null;
    }
    return informer.getStore().getByKey(namespace == null ? name : namespace + "/" + name);
  }

  /**
   * A private copy of the freshest version of an object known here: the cached one, or the one our controllers
   * wrote last if the watch has not delivered it yet. Null if the cache does not have the object.
   * Reading here instead of from the API server saves a request per reconcile; children are still listed from the
   * server, where a cache could miss what was just created.
   */
  <T extends HasMetadata> T get(Class<T> type, ObjectKey key) {
    T freshest = peek(type, key);
    return freshest == null ? null : copy(type, freshest);
  }

  /**
   * Like {@link #get}, the object itself instead of a copy, for a controller that only reads it (or writes a new
   * object that shares its unchanged parts): it is the cache's, and nobody may change it.
   */
  <T extends HasMetadata> T peek(Class<T> type, ObjectKey key) {
    T cached = cached(type, key.namespace(), key.name());
    if (cached == null) {
      return null;
    }
    HasMetadata mine = ownWrites.get(cached.getMetadata().getUid());
    return type.isInstance(mine) && isNewer(mine, cached) ? type.cast(mine) : cached;
  }

  /**
   * A deep copy through the model's builders where the kind has one here: a copy through JSON (what fabric8's
   * clone does) costs a serialization and a reflective deserialization, about a tenth of kube-sim's CPU at scale.
   */
  private <T extends HasMetadata> T copy(Class<T> type, T object) {
    UnaryOperator<HasMetadata> byBuilder = BUILDER_COPIES.get(type);
    return byBuilder != null ? type.cast(byBuilder.apply(object)) : client.getKubernetesSerialization().clone(object);
  }

  /** Notes an object one of our controllers just wrote (the server's response). */
  void remember(HasMetadata written) {
    if (written != null && written.getMetadata().getUid() != null) {
      ownWrites.put(written.getMetadata().getUid(), written);
    }
  }

  /** The watch delivered this version or a later one: the cache is fresh again for it. */
  private void caughtUp(HasMetadata seen, boolean deleted) {
    String uid = seen.getMetadata().getUid();
    if (uid == null) {
      return;
    }
    if (deleted) {
      ownWrites.remove(uid);
    } else {
      ownWrites.computeIfPresent(uid, (u, mine) -> isNewer(mine, seen) ? mine : null);
    }
  }

  private static boolean isNewer(HasMetadata a, HasMetadata b) {
    try {
      return Long.parseLong(a.getMetadata().getResourceVersion()) > Long.parseLong(b.getMetadata().getResourceVersion());
    } catch (NumberFormatException | NullPointerException e) {
      return false;
    }
  }

  /** Starts every informer; completes when each has listed its kind once. */
  CompletableFuture<Void> startAll() {
    started = true;
    List<CompletableFuture<Void>> syncs = new ArrayList<>();
    informers.values().forEach(i -> syncs.add(i.start().toCompletableFuture()));
    return CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new));
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::stop);
  }
}
