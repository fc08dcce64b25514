package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pure: what keeps a pod from running before its containers' own behaviour matters, as the scheduler and kubelet
 * see it. A claim that does not exist or is not bound yet keeps the pod unscheduled (FailedScheduling); a Secret or ConfigMap volume
 * whose object does not exist keeps every container creating (FailedMount); an env reference to a missing object or
 * key keeps that container from starting (CreateContainerConfigError). References marked optional never block.
 */
final class KubeletPreflight {

  /** The objects of the pod's namespace: the keys of a Secret or ConfigMap, or empty when it does not exist. */
  interface Objects {
    boolean claimExists(String name);

    /** The claim is bound to a volume (the scheduler waits for an unbound claim of Immediate binding). */
    boolean claimBound(String name);

    Optional<Set<String>> secretKeys(String name);

    Optional<Set<String>> configMapKeys(String name);
  }

  /**
   * @param unschedulable why no node can take the pod, or null
   * @param mountFailure why a volume cannot be mounted, or null
   * @param configErrors the containers that cannot start, with why
   */
  record Result(String unschedulable, String mountFailure, Map<String, String> configErrors) {
    boolean blocksEverything() {
      return unschedulable != null || mountFailure != null;
    }
  }

  private KubeletPreflight() {
  }

  static Result check(Pod pod, Objects objects) {
    Set<String> started = startedContainers(pod);
    if (!started.isEmpty() && started.size() >= countContainers(pod)) {
      return new Result(null, null, Map.of()); // a kubelet does not stop what runs when a reference goes away
    }
    String namespace = pod.getMetadata().getNamespace();
    List<Volume> volumes = pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
    for (Volume volume : volumes) {
      if (started.isEmpty() && volume.getPersistentVolumeClaim() != null
          && !objects.claimExists(volume.getPersistentVolumeClaim().getClaimName())) {
        return new Result("0/1 nodes are available: persistentvolumeclaim \""
            + volume.getPersistentVolumeClaim().getClaimName() + "\" not found. preemption: 0/1 nodes are available: "
            + "1 Preemption is not helpful for scheduling.", null, Map.of());
      }
      if (started.isEmpty() && volume.getPersistentVolumeClaim() != null
          && !objects.claimBound(volume.getPersistentVolumeClaim().getClaimName())) {
        return new Result("0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: "
            + "0/1 nodes are available: 1 Preemption is not helpful for scheduling.", null, Map.of());
      }
    }
    for (Volume volume : volumes) {
      String missing = started.isEmpty() ? missingVolumeSource(volume, objects) : null;
      if (missing != null) {
        return new Result(null, "MountVolume.SetUp failed for volume \"" + volume.getName() + "\" : " + missing,
            Map.of());
      }
    }
    Map<String, String> configErrors = new LinkedHashMap<>();
    List<Container> containers = new ArrayList<>();
    if (pod.getSpec().getInitContainers() != null) {
      containers.addAll(pod.getSpec().getInitContainers());
    }
    if (pod.getSpec().getContainers() != null) {
      containers.addAll(pod.getSpec().getContainers());
    }
    for (Container container : containers) {
      String error = started.contains(container.getName()) ? null : envError(container, namespace, objects);
      if (error != null) {
        configErrors.put(container.getName(), error);
      }
    }
    return new Result(null, null, configErrors);
  }

  /** The containers that have run (running now, or terminated after running). */
  private static Set<String> startedContainers(Pod pod) {
    Set<String> started = new java.util.HashSet<>();
    if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
      pod.getStatus().getContainerStatuses().stream()
          .filter(c -> c.getState() != null && (c.getState().getRunning() != null || c.getState().getTerminated() != null))
          .forEach(c -> started.add(c.getName()));
    }
    return started;
  }

  private static int countContainers(Pod pod) {
    return pod.getSpec().getContainers() == null ? 0 : pod.getSpec().getContainers().size();
  }

  /** A Secret or ConfigMap a pod needs, with the key it reads (null: the whole object). */
  private record Reference(boolean secret, String name, String key, Boolean optional) {
  }

  private static String missingVolumeSource(Volume volume, Objects objects) {
    List<Reference> references = new ArrayList<>();
    if (volume.getSecret() != null) {
      references.add(new Reference(true, volume.getSecret().getSecretName(), null, volume.getSecret().getOptional()));
    }
    if (volume.getConfigMap() != null) {
      references.add(new Reference(false, volume.getConfigMap().getName(), null, volume.getConfigMap().getOptional()));
    }
    if (volume.getProjected() != null && volume.getProjected().getSources() != null) {
      for (VolumeProjection source : volume.getProjected().getSources()) {
        if (source.getSecret() != null) {
          references.add(new Reference(true, source.getSecret().getName(), null, source.getSecret().getOptional()));
        }
        if (source.getConfigMap() != null) {
          references.add(new Reference(false, source.getConfigMap().getName(), null, source.getConfigMap().getOptional()));
        }
      }
    }
    return firstProblem(references, null, objects);
  }

  private static String envError(Container container, String namespace, Objects objects) {
    List<Reference> references = new ArrayList<>();
    if (container.getEnvFrom() != null) {
      for (EnvFromSource source : container.getEnvFrom()) {
        if (source.getSecretRef() != null) {
          references.add(new Reference(true, source.getSecretRef().getName(), null, source.getSecretRef().getOptional()));
        }
        if (source.getConfigMapRef() != null) {
          references.add(new Reference(false, source.getConfigMapRef().getName(), null,
              source.getConfigMapRef().getOptional()));
        }
      }
    }
    if (container.getEnv() != null) {
      for (EnvVar env : container.getEnv()) {
        SecretKeySelector secret = env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
        if (secret != null) {
          references.add(new Reference(true, secret.getName(), secret.getKey(), secret.getOptional()));
        }
        ConfigMapKeySelector configMap = env.getValueFrom() == null ? null : env.getValueFrom().getConfigMapKeyRef();
        if (configMap != null) {
          references.add(new Reference(false, configMap.getName(), configMap.getKey(), configMap.getOptional()));
        }
      }
    }
    return firstProblem(references, namespace, objects);
  }

  /** What the kubelet says about the first required reference that is missing (the object, or its key). */
  private static String firstProblem(List<Reference> references, String namespace, Objects objects) {
    for (Reference reference : references) {
      if (isTrue(reference.optional())) {
        continue;
      }
      Optional<Set<String>> keys = reference.secret() ? objects.secretKeys(reference.name())
          : objects.configMapKeys(reference.name());
      if (keys.isEmpty()) {
        return (reference.secret() ? "secret" : "configmap") + " \"" + reference.name() + "\" not found";
      }
      if (reference.key() != null && !keys.get().contains(reference.key())) {
        return "couldn't find key " + reference.key() + " in " + (reference.secret() ? "Secret" : "ConfigMap") + " "
            + namespace + "/" + reference.name();
      }
    }
    return null;
  }

  private static boolean isTrue(Boolean value) {
    return Boolean.TRUE.equals(value);
  }
}
