package io.milvus.operator.kubesim;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Scripted behaviour of containers by image: an exact image wins over the longest matching prefix, which wins over
 * the default. Pod and Job scripts are separate. Changing a pod script re-evaluates running pods at once.
 */
public final class BehaviourScripts {

  private final Map<String, PodBehaviour> podByImage = new ConcurrentHashMap<>();
  private final Map<String, PodBehaviour> podByPrefix = new ConcurrentHashMap<>();
  private final PodBehaviour initialPodDefault;
  private volatile PodBehaviour podDefault;
  private final Map<String, JobBehaviour> jobByImage = new ConcurrentHashMap<>();
  private final Map<String, JobBehaviour> jobByPrefix = new ConcurrentHashMap<>();
  private volatile JobBehaviour jobDefault = JobBehaviour.succeedAfter(Duration.ofMillis(50));
  private final List<Runnable> podScriptListeners = new CopyOnWriteArrayList<>();

  BehaviourScripts(PodBehaviour podDefault) {
    this.initialPodDefault = Objects.requireNonNull(podDefault);
    this.podDefault = podDefault;
  }

  public BehaviourScripts forImage(String image, PodBehaviour behaviour) {
    podByImage.put(image, Objects.requireNonNull(behaviour));
    podScriptsChanged();
    return this;
  }

  public BehaviourScripts forImagePrefix(String prefix, PodBehaviour behaviour) {
    podByPrefix.put(prefix, Objects.requireNonNull(behaviour));
    podScriptsChanged();
    return this;
  }

  public BehaviourScripts setDefault(PodBehaviour behaviour) {
    podDefault = Objects.requireNonNull(behaviour);
    podScriptsChanged();
    return this;
  }

  public BehaviourScripts forJobImage(String image, JobBehaviour behaviour) {
    jobByImage.put(image, Objects.requireNonNull(behaviour));
    return this;
  }

  public BehaviourScripts forJobImagePrefix(String prefix, JobBehaviour behaviour) {
    jobByPrefix.put(prefix, Objects.requireNonNull(behaviour));
    return this;
  }

  public BehaviourScripts setDefaultJob(JobBehaviour behaviour) {
    jobDefault = Objects.requireNonNull(behaviour);
    return this;
  }

  /** Forgets every script; the defaults become readyAfter(defaultReadyDelay) and succeedAfter(50 ms) again. */
  public void reset() {
    podByImage.clear();
    podByPrefix.clear();
    jobByImage.clear();
    jobByPrefix.clear();
    podDefault = initialPodDefault;
    jobDefault = JobBehaviour.succeedAfter(Duration.ofMillis(50));
    podScriptsChanged();
  }

  public PodBehaviour podBehaviourFor(String image) {
    return lookup(image, podByImage, podByPrefix, podDefault);
  }

  public JobBehaviour jobBehaviourFor(String image) {
    return lookup(image, jobByImage, jobByPrefix, jobDefault);
  }

  void onPodScriptsChanged(Runnable listener) {
    podScriptListeners.add(listener);
  }

  private void podScriptsChanged() {
    podScriptListeners.forEach(Runnable::run);
  }

  private static <B> B lookup(String image, Map<String, B> exact, Map<String, B> prefixes, B fallback) {
    if (image == null) {
      return fallback;
    }
    B found = exact.get(image);
    if (found != null) {
      return found;
    }
    return prefixes.entrySet().stream()
        .filter(e -> image.startsWith(e.getKey()))
        .max(Comparator.comparingInt(e -> e.getKey().length()))
        .map(Map.Entry::getValue)
        .orElse(fallback);
  }
}
