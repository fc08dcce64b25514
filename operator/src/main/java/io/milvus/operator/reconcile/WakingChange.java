package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.milvus.operator.status.PodDiagnosis;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Pure: whether an update of a watched object can change what a reconcile decides or reports, so that the updates
 * that cannot (a new resourceVersion or managedFields, a pod bound to a node, a StatefulSet counting its pods, a
 * claim bound to a volume, a disruption budget counting healthy pods) wake no reconcile. Each kind is reduced to what
 * anybody reads of it: the metadata a person or a controller may change (labels, annotations, owners, finalizers,
 * deletion), the spec (a hand edit is drift to put back), and the status fields the status calculation reads. Adds
 * and deletes always wake.
 */
final class WakingChange<R extends HasMetadata> implements OnUpdateFilter<R> {

  /** Annotations the volume controllers put on a claim while binding it: read by nobody here. */
  private static final List<String> CLAIM_BINDING_ANNOTATIONS = List.of("pv.kubernetes.io/",
      "volume.kubernetes.io/", "volume.beta.kubernetes.io/");

  @Override
  public boolean accept(R updated, R old) {
    return matters(old, updated);
  }

  /** Whether going from {@code before} to {@code after} may change the decision or the status. */
  static boolean matters(HasMetadata before, HasMetadata after) {
    return !Objects.equals(read(before), read(after));
  }

  /** What the operator reads of an object: equal views give the same decision and the same status. */
  static List<Object> read(HasMetadata object) {
    if (object instanceof Pod pod) {
      return pod(pod);
    }
    return Arrays.asList(metadata(object), content(object));
  }

  /**
   * A pod is read only to tell whether it counts (labels, deletion), is ready, and why not: the phrase the status
   * shows ({@link PodDiagnosis}).
   */
  private static List<Object> pod(Pod pod) {
    return Arrays.asList(orEmpty(pod.getMetadata().getLabels()), pod.getMetadata().getDeletionTimestamp(),
        PodDiagnosis.isReady(pod), PodDiagnosis.explain(pod));
  }

  private static List<Object> metadata(HasMetadata object) {
    ObjectMeta meta = object.getMetadata();
    Map<String, String> annotations = orEmpty(meta.getAnnotations());
    if (object instanceof PersistentVolumeClaim) {
      annotations = annotations.entrySet().stream()
          .filter(e -> CLAIM_BINDING_ANNOTATIONS.stream().noneMatch(e.getKey()::startsWith))
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
    return Arrays.asList(orEmpty(meta.getLabels()), annotations, orEmpty(meta.getOwnerReferences()),
        orEmpty(meta.getFinalizers()), meta.getDeletionTimestamp(), meta.getGeneration());
  }

  /** The spec and what is read of the status; for a kind not listed, the whole object. */
  private static Object content(HasMetadata object) {
    if (object instanceof Deployment d) {
      // a Milvus's status copies each component Deployment's status whole (componentsDeployStatus)
      return Arrays.asList(d.getSpec(), d.getStatus());
    }
    if (object instanceof StatefulSet s) {
      var status = s.getStatus();
      return Arrays.asList(s.getSpec(), status == null ? null : status.getObservedGeneration(),
          status == null ? null : status.getReadyReplicas(), status == null ? null : status.getUpdatedReplicas());
    }
    if (object instanceof PersistentVolumeClaim claim) {
      // nothing reads a claim's status; the volume it is bound to is set once, by the volume controller
      return claim.getSpec() == null ? null : new PersistentVolumeClaimSpecBuilder(claim.getSpec())
          .withVolumeName(null).build();
    }
    if (object instanceof Job job) {
      return Arrays.asList(job.getSpec(), job.getStatus() == null ? null : job.getStatus().getConditions());
    }
    if (object instanceof PodDisruptionBudget budget) {
      return budget.getSpec();
    }
    if (object instanceof Service service) {
      return Arrays.asList(service.getSpec(), service.getStatus());
    }
    if (object instanceof ConfigMap map) {
      return Arrays.asList(map.getData(), map.getBinaryData(), map.getImmutable());
    }
    if (object instanceof Secret secret) {
      return Arrays.asList(secret.getData(), secret.getStringData(), secret.getType(), secret.getImmutable());
    }
    if (object instanceof Ingress ingress) {
      return Arrays.asList(ingress.getSpec(), ingress.getStatus());
    }
    return object; // a kind not listed here: any new version wakes
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
