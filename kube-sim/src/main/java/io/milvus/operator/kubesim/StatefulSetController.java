package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs StatefulSets: pods {@code <sts>-<ordinal>} created in order (OrderedReady) or all at once (Parallel), a PVC
 * per volumeClaimTemplate and ordinal that outlives the set (unless the retention policy says Delete), rolling
 * updates from the highest ordinal down, and the revision-aware status.
 */
final class StatefulSetController extends SimController {

  static final String REVISION_LABEL = "controller-revision-hash";
  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

  /** currentRevision by StatefulSet uid: the revision all pods had when the last rollout finished. */
  private final Map<String, String> currentRevisionByUid = new ConcurrentHashMap<>();
  private final TemplateHashes templateHashes = new TemplateHashes();

  StatefulSetController(SimContext ctx) {
    super(ctx, "statefulset-controller");
  }

  @Override
  void register() {
    ctx.informers().on(StatefulSet.class, new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
      @Override
      public void onAdd(StatefulSet sts) {
        queue.add(ObjectKey.of(sts));
      }

      @Override
      public void onUpdate(StatefulSet oldSts, StatefulSet newSts) {
        queue.add(ObjectKey.of(newSts));
      }

      @Override
      public void onDelete(StatefulSet sts, boolean finalStateUnknown) {
        currentRevisionByUid.remove(sts.getMetadata().getUid());
        templateHashes.forget(sts.getMetadata().getUid());
      }
    });
    ctx.informers().onChange(Pod.class, pod -> Owners.controllerName(pod, "StatefulSet")
        .ifPresent(sts -> queue.add(new ObjectKey(pod.getMetadata().getNamespace(), sts))));
  }

  @Override
  void reconcile(ObjectKey key) {
    StatefulSet sts = ctx.informers().get(StatefulSet.class, key);
    if (sts == null || Owners.isTerminating(sts) || sts.getSpec() == null || sts.getSpec().getTemplate() == null) {
      return;
    }
    StatefulSetSpec spec = sts.getSpec();
    int desired = spec.getReplicas() == null ? 1 : spec.getReplicas();
    boolean parallel = "Parallel".equals(spec.getPodManagementPolicy());
    String name = sts.getMetadata().getName();
    String updateRevision = name + "-" + templateHashes.of(sts, spec.getTemplate());
    String uid = sts.getMetadata().getUid();
    String currentRevision = currentRevisionByUid.computeIfAbsent(uid, u ->
        sts.getStatus() != null && sts.getStatus().getCurrentRevision() != null ? sts.getStatus().getCurrentRevision() : updateRevision);

    Map<Integer, Pod> pods = podsByOrdinal(sts);
    boolean acted = createMissing(sts, desired, parallel, updateRevision, pods)
        || deleteSurplus(sts, desired, parallel, pods)
        || rollOneUpdate(sts, desired, updateRevision, pods);

    int minReadySeconds = spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds();
    Instant now = now();
    List<Pod> active = pods.values().stream().filter(Pods::isActive).toList();
    int ready = (int) active.stream().filter(Pods::isReady).count();
    int updated = (int) active.stream().filter(p -> updateRevision.equals(revisionOf(p))).count();
    if (!acted && updated == desired && active.size() == desired && ready == desired) {
      currentRevision = updateRevision;
      currentRevisionByUid.put(uid, currentRevision);
    }
    String current = currentRevision;
    StatefulSetStatus status = new StatefulSetStatusBuilder()
        .withObservedGeneration(sts.getMetadata().getGeneration())
        .withReplicas(active.size())
        .withReadyReplicas(ReplicaSetController.nullIfZero(ready))
        .withAvailableReplicas((int) active.stream().filter(p -> Pods.isAvailable(p, minReadySeconds, now)).count())
        .withCurrentReplicas(ReplicaSetController.nullIfZero(active.stream().filter(p -> current.equals(revisionOf(p))).count()))
        .withUpdatedReplicas(ReplicaSetController.nullIfZero(updated))
        .withCurrentRevision(current)
        .withUpdateRevision(updateRevision)
        .withCollisionCount(0)
        .build();
    if (!status.equals(sts.getStatus())) {
      sts.setStatus(status);
      writeStatus(sts);
    }
    active.stream().filter(Pods::isReady).filter(p -> !Pods.isAvailable(p, minReadySeconds, now))
        .map(p -> Pods.availableAt(p, minReadySeconds)).filter(t -> t != null).min(Instant::compareTo)
        .ifPresent(t -> requeueAt(key, t));
  }

  /** OrderedReady creates the lowest missing ordinal once all lower ones run and are ready; Parallel creates all. */
  private boolean createMissing(StatefulSet sts, int desired, boolean parallel, String revision, Map<Integer, Pod> pods) {
    boolean created = false;
    for (int ordinal = 0; ordinal < desired; ordinal++) {
      Pod pod = pods.get(ordinal);
      if (pod != null) {
        if (!parallel && !Pods.isRunningAndReady(pod)) {
          return created; // wait for this one before touching the next
        }
        continue;
      }
      if (Owners.isTerminating(sts)) {
        return created;
      }
      createClaims(sts, ordinal);
      Pod fresh = newPod(sts, ordinal, revision);
      createPod(sts, fresh, why -> "create Pod " + fresh.getMetadata().getName() + " in StatefulSet "
          + sts.getMetadata().getName() + " failed error: " + why);
      created = true;
      if (!parallel) {
        return true;
      }
    }
    return created;
  }

  /** Removes pods at or above replicas, highest ordinal first; OrderedReady removes one at a time. */
  private boolean deleteSurplus(StatefulSet sts, int desired, boolean parallel, Map<Integer, Pod> pods) {
    List<Integer> surplus = pods.keySet().stream().filter(o -> o >= desired).sorted((a, b) -> b - a).toList();
    for (Integer ordinal : surplus) {
      Pod pod = pods.get(ordinal);
      if (!Owners.isTerminating(pod)) {
        deletePod(pod);
      }
      if (!parallel) {
        return true;
      }
    }
    return !surplus.isEmpty();
  }

  /** RollingUpdate: once every pod runs and is ready, replace the highest-ordinal outdated pod (>= partition). */
  private boolean rollOneUpdate(StatefulSet sts, int desired, String updateRevision, Map<Integer, Pod> pods) {
    var strategy = sts.getSpec().getUpdateStrategy();
    if (strategy != null && "OnDelete".equals(strategy.getType())) {
      return false;
    }
    for (int ordinal = 0; ordinal < desired; ordinal++) {
      Pod pod = pods.get(ordinal);
      if (pod == null || !Pods.isRunningAndReady(pod)) {
        return false;
      }
    }
    int partition = strategy == null || strategy.getRollingUpdate() == null || strategy.getRollingUpdate().getPartition() == null
        ? 0 : strategy.getRollingUpdate().getPartition();
    for (int ordinal = desired - 1; ordinal >= partition; ordinal--) {
      Pod pod = pods.get(ordinal);
      if (!updateRevision.equals(revisionOf(pod))) {
        deletePod(pod);
        return true;
      }
    }
    return false;
  }

  private void createClaims(StatefulSet sts, int ordinal) {
    List<PersistentVolumeClaim> templates = sts.getSpec().getVolumeClaimTemplates();
    if (templates == null) {
      return;
    }
    String namespace = sts.getMetadata().getNamespace();
    boolean deleteWithSet = sts.getSpec().getPersistentVolumeClaimRetentionPolicy() != null
        && "Delete".equals(sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
    for (PersistentVolumeClaim template : templates) {
      String claimName = claimName(template, sts, ordinal);
      if (ctx.client().persistentVolumeClaims().inNamespace(namespace).withName(claimName).get() != null) {
        continue;
      }
      ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
      Map<String, String> labels = new LinkedHashMap<>();
      if (meta.getLabels() != null) {
        labels.putAll(meta.getLabels());
      }
      labels.putAll(ReplicaSetController.matchLabels(sts.getSpec().getSelector()));
      PersistentVolumeClaimBuilder claim = new PersistentVolumeClaimBuilder()
          .withNewMetadata()
            .withName(claimName)
            .withNamespace(namespace)
            .withLabels(labels)
            .withAnnotations(meta.getAnnotations())
          .endMetadata()
          .withSpec(PodFactory.clone(template.getSpec()));
      if (deleteWithSet) {
        claim.editMetadata().withOwnerReferences(Owners.controllerRef(sts)).endMetadata();
      }
      ctx.client().persistentVolumeClaims().inNamespace(namespace).resource(claim.build()).create();
    }
  }

  private Pod newPod(StatefulSet sts, int ordinal, String revision) {
    String podName = sts.getMetadata().getName() + "-" + ordinal;
    Map<String, String> labels = Map.of(REVISION_LABEL, revision, POD_NAME_LABEL, podName,
        POD_INDEX_LABEL, Integer.toString(ordinal));
    Pod pod = PodFactory.fromTemplate(sts.getSpec().getTemplate(), podName, sts, labels, ctx.options().nodeName());
    pod.getSpec().setHostname(podName);
    pod.getSpec().setSubdomain(sts.getSpec().getServiceName());
    List<PersistentVolumeClaim> templates = sts.getSpec().getVolumeClaimTemplates();
    if (templates != null && !templates.isEmpty()) {
      List<Volume> volumes = new ArrayList<>(pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes());
      for (PersistentVolumeClaim template : templates) {
        String volumeName = template.getMetadata().getName();
        volumes.removeIf(v -> volumeName.equals(v.getName()));
        volumes.add(new VolumeBuilder().withName(volumeName)
            .withNewPersistentVolumeClaim().withClaimName(claimName(template, sts, ordinal)).endPersistentVolumeClaim()
            .build());
      }
      pod.getSpec().setVolumes(volumes);
    }
    return pod;
  }

  private void deletePod(Pod pod) {
    ctx.client().pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
        .withGracePeriod(0).delete();
  }

  private Map<Integer, Pod> podsByOrdinal(StatefulSet sts) {
    Map<Integer, Pod> byOrdinal = new TreeMap<>();
    String prefix = sts.getMetadata().getName() + "-";
    ctx.client().pods().inNamespace(sts.getMetadata().getNamespace())
        .withLabels(ReplicaSetController.matchLabels(sts.getSpec().getSelector())).list().getItems().stream()
        .filter(p -> Owners.isControlledBy(p, sts))
        .forEach(p -> {
          String podName = p.getMetadata().getName();
          if (podName.startsWith(prefix)) {
            try {
              byOrdinal.put(Integer.parseInt(podName.substring(prefix.length())), p);
            } catch (NumberFormatException notOurs) {
              // a pod with a foreign name: ignore it, as Kubernetes would
            }
          }
        });
    return byOrdinal;
  }

  static String claimName(PersistentVolumeClaim template, StatefulSet sts, int ordinal) {
    return template.getMetadata().getName() + "-" + sts.getMetadata().getName() + "-" + ordinal;
  }

  private static String revisionOf(Pod pod) {
    return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(REVISION_LABEL);
  }
}
