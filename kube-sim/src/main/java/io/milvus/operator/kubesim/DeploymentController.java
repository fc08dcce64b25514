package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Rolls Deployments out through ReplicaSets named {@code <deployment>-<pod-template-hash>}: RollingUpdate within
 * maxSurge/maxUnavailable, Recreate, pause, scaling, revision history, and a status (counts and the Available and
 * Progressing conditions) recomputed from the pods on every event.
 */
final class DeploymentController extends SimController {

  static final String TEMPLATE_HASH_LABEL = "pod-template-hash";
  static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";

  private final Map<String, DeploymentStatusRules.Memory> memoryByUid = new ConcurrentHashMap<>();
  private final TemplateHashes templateHashes = new TemplateHashes();

  DeploymentController(SimContext ctx) {
    super(ctx, "deployment-controller");
  }

  @Override
  void register() {
    ctx.informers().on(Deployment.class, new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
      @Override
      public void onAdd(Deployment d) {
        queue.add(ObjectKey.of(d));
      }

      @Override
      public void onUpdate(Deployment oldD, Deployment newD) {
        queue.add(ObjectKey.of(newD));
      }

      @Override
      public void onDelete(Deployment d, boolean finalStateUnknown) {
        memoryByUid.remove(d.getMetadata().getUid());
        templateHashes.forget(d.getMetadata().getUid());
      }
    });
    ctx.informers().onChange(ReplicaSet.class, rs -> Owners.controllerName(rs, "Deployment")
        .ifPresent(d -> queue.add(new ObjectKey(rs.getMetadata().getNamespace(), d))));
    ctx.informers().onChange(Pod.class, pod -> Owners.controllerName(pod, "ReplicaSet")
        .map(rs -> ctx.informers().cached(ReplicaSet.class, pod.getMetadata().getNamespace(), rs))
        .flatMap(rs -> Owners.controllerName(rs, "Deployment"))
        .ifPresent(d -> queue.add(new ObjectKey(pod.getMetadata().getNamespace(), d))));
  }

  @Override
  void reconcile(ObjectKey key) {
    Deployment d = ctx.informers().get(Deployment.class, key);
    if (d == null || Owners.isTerminating(d) || d.getSpec() == null || d.getSpec().getTemplate() == null) {
      return;
    }
    DeploymentSpec spec = d.getSpec();
    int desired = spec.getReplicas() == null ? 1 : spec.getReplicas();
    boolean paused = Boolean.TRUE.equals(spec.getPaused());
    int minReadySeconds = spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds();
    Instant now = now();

    List<ReplicaSet> owned = ownedReplicaSets(d);
    Map<String, List<Pod>> podsByRs = podsByReplicaSet(d, owned);
    String hash = templateHashes.of(d, spec.getTemplate());
    ReplicaSet newRs = owned.stream().filter(rs -> hash.equals(label(rs, TEMPLATE_HASH_LABEL))).findFirst().orElse(null);
    boolean created = false;
    if (newRs != null && revision(newRs) < nextRevision(owned) - 1) {
      newRs = markNewest(newRs, nextRevision(owned)); // a rollback to an older template makes its set newest again
      owned = replace(owned, newRs);
    }
    if (newRs == null && !paused) {
      // planned as an empty set, then created with the replicas the plan gives it: one request, not two
      newRs = newReplicaSet(d, hash, nextRevision(owned));
      owned = new ArrayList<>(owned);
      owned.add(newRs);
      podsByRs.put(newRs.getMetadata().getName(), List.of());
      created = true;
    }

    boolean scaled = false;
    if (newRs != null) {
      Map<String, Integer> targets = plan(d, desired, minReadySeconds, newRs, owned, podsByRs, paused, now);
      if (created) {
        newRs.getSpec().setReplicas(targets.getOrDefault(newRs.getMetadata().getName(), 0));
        newRs = ctx.client().resource(newRs).create();
        owned = new ArrayList<>(owned.subList(0, owned.size() - 1));
        owned.add(newRs);
      }
      scaled = applyReplicas(owned, targets);
    }

    DeploymentStatusRules.Counts counts = counts(newRs, owned, podsByRs, minReadySeconds, now);
    DeploymentStatusRules.Input input = new DeploymentStatusRules.Input(
        d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration(), desired,
        maxUnavailable(spec, desired), paused, progressDeadlineSeconds(spec),
        newRs == null ? null : newRs.getMetadata().getName(), created, scaled,
        owned.stream().mapToInt(DeploymentController::specReplicas).sum(), counts, now, replicaFailure(owned));
    String uid = d.getMetadata().getUid();
    DeploymentStatusRules.Result result = DeploymentStatusRules.evaluate(input,
        memoryByUid.getOrDefault(uid, DeploymentStatusRules.Memory.NONE));
    memoryByUid.put(uid, result.memory());
    if (!result.status().equals(d.getStatus())) {
      d.setStatus(result.status());
      writeStatus(d);
    }
    ctx.availability().record(d, desired, counts, firstImage(spec.getTemplate()), now);
    cleanUpHistory(d, newRs, owned, podsByRs);
    if (result.deadline() != null && !paused) {
      requeueAt(key, result.deadline());
    }
    nextAvailability(owned, podsByRs, minReadySeconds, now).ifPresent(t -> requeueAt(key, t));
  }

  /** Why one of the ReplicaSets cannot create pods, as its ReplicaFailure condition says; null when none. */
  private static String replicaFailure(List<ReplicaSet> owned) {
    return owned.stream().filter(rs -> rs.getStatus() != null && rs.getStatus().getConditions() != null)
        .flatMap(rs -> rs.getStatus().getConditions().stream())
        .filter(c -> DeploymentStatusRules.REPLICA_FAILURE.equals(c.getType()) && "True".equals(c.getStatus()))
        .map(c -> c.getMessage()).findFirst().orElse(null);
  }

  /** Target replicas by ReplicaSet name, per the Deployment's strategy. */
  private Map<String, Integer> plan(Deployment d, int desired, int minReadySeconds, ReplicaSet newRs,
                                   List<ReplicaSet> owned, Map<String, List<Pod>> podsByRs, boolean paused,
                                   Instant now) {
    ReplicaSetScaler.ReplicaSetState newState = state(newRs, podsByRs, minReadySeconds, now);
    List<ReplicaSetScaler.ReplicaSetState> oldStates = owned.stream().filter(rs -> rs != newRs)
        .map(rs -> state(rs, podsByRs, minReadySeconds, now)).toList();
    if (paused) {
      // a paused Deployment only scales, and only when no rollout is half-way
      Map<String, Integer> targets = new HashMap<>();
      if (oldStates.stream().allMatch(s -> s.specReplicas() == 0)) {
        targets.put(newState.name(), desired);
      }
      return targets;
    }
    if (isRecreate(d.getSpec().getStrategy())) {
      return ReplicaSetScaler.recreate(desired, newState, oldStates);
    }
    return ReplicaSetScaler.rollingUpdate(desired, rollingLimits(d.getSpec(), desired), newState, oldStates);
  }

  /** Patches spec.replicas where the plan differs; true if any changed. */
  private boolean applyReplicas(List<ReplicaSet> owned, Map<String, Integer> targets) {
    boolean changed = false;
    for (ReplicaSet rs : owned) {
      Integer target = targets.get(rs.getMetadata().getName());
      if (target != null && target != specReplicas(rs)) {
        mergePatch(rs, Map.of("spec", Map.of("replicas", target)));
        rs.getSpec().setReplicas(target);
        changed = true;
      }
    }
    return changed;
  }

  /** The ReplicaSet for the Deployment's current template, not yet created, with no replicas. */
  private ReplicaSet newReplicaSet(Deployment d, String hash, long revision) {
    PodTemplateSpec template = PodFactory.clone(d.getSpec().getTemplate());
    if (template.getMetadata() == null) {
      template.setMetadata(new ObjectMetaBuilder().build());
    }
    Map<String, String> podLabels = new LinkedHashMap<>();
    if (template.getMetadata().getLabels() != null) {
      podLabels.putAll(template.getMetadata().getLabels());
    }
    podLabels.put(TEMPLATE_HASH_LABEL, hash);
    template.getMetadata().setLabels(podLabels);
    LabelSelector selector = d.getSpec().getSelector() == null ? new LabelSelector() : PodFactory.clone(d.getSpec().getSelector());
    selector = new LabelSelectorBuilder(selector).addToMatchLabels(TEMPLATE_HASH_LABEL, hash).build();
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(REVISION_ANNOTATION, Long.toString(revision));
    annotations.put("deployment.kubernetes.io/desired-replicas", Integer.toString(d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas()));
    return new ReplicaSetBuilder()
        .withNewMetadata()
          .withName(d.getMetadata().getName() + "-" + hash)
          .withNamespace(d.getMetadata().getNamespace())
          .withLabels(podLabels)
          .withAnnotations(annotations)
          .withOwnerReferences(Owners.controllerRef(d))
        .endMetadata()
        .withNewSpec()
          .withReplicas(0)
          .withMinReadySeconds(d.getSpec().getMinReadySeconds())
          .withSelector(selector)
          .withTemplate(template)
        .endSpec()
        .build();
  }

  private ReplicaSet markNewest(ReplicaSet rs, long revision) {
    return mergePatch(rs, Map.of("metadata", Map.of("annotations", Map.of(REVISION_ANNOTATION, Long.toString(revision)))));
  }

  private static List<ReplicaSet> replace(List<ReplicaSet> owned, ReplicaSet updated) {
    List<ReplicaSet> result = new ArrayList<>();
    for (ReplicaSet rs : owned) {
      result.add(rs.getMetadata().getUid().equals(updated.getMetadata().getUid()) ? updated : rs);
    }
    return result;
  }

  /** Deletes the oldest scaled-down ReplicaSets beyond spec.revisionHistoryLimit (default 10). */
  private void cleanUpHistory(Deployment d, ReplicaSet newRs, List<ReplicaSet> owned, Map<String, List<Pod>> podsByRs) {
    int limit = d.getSpec().getRevisionHistoryLimit() == null ? 10 : d.getSpec().getRevisionHistoryLimit();
    List<ReplicaSet> idle = owned.stream()
        .filter(rs -> rs != newRs && specReplicas(rs) == 0 && podsByRs.getOrDefault(rs.getMetadata().getName(), List.of()).isEmpty())
        .sorted(Comparator.comparingLong(DeploymentController::revision))
        .toList();
    for (int i = 0; i < idle.size() - limit; i++) {
      ctx.client().resource(idle.get(i)).delete();
    }
  }

  private List<ReplicaSet> ownedReplicaSets(Deployment d) {
    return ctx.client().apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).list().getItems().stream()
        .filter(rs -> Owners.isControlledBy(rs, d) && !Owners.isTerminating(rs))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  private Map<String, List<Pod>> podsByReplicaSet(Deployment d, List<ReplicaSet> owned) {
    Map<String, String> rsNameByUid = owned.stream()
        .collect(Collectors.toMap(rs -> rs.getMetadata().getUid(), rs -> rs.getMetadata().getName()));
    Map<String, List<Pod>> byRs = new HashMap<>();
    owned.forEach(rs -> byRs.put(rs.getMetadata().getName(), new ArrayList<>()));
    List<Pod> pods = ctx.client().pods().inNamespace(d.getMetadata().getNamespace())
        .withLabels(ReplicaSetController.matchLabels(d.getSpec().getSelector())).list().getItems();
    for (Pod pod : pods) {
      Owners.controllerOf(pod).map(ref -> rsNameByUid.get(ref.getUid()))
          .filter(name -> Pods.isActive(pod))
          .ifPresent(name -> byRs.get(name).add(pod));
    }
    return byRs;
  }

  private static DeploymentStatusRules.Counts counts(ReplicaSet newRs, List<ReplicaSet> owned,
                                                  Map<String, List<Pod>> podsByRs, int minReadySeconds, Instant now) {
    int replicas = 0;
    int ready = 0;
    int available = 0;
    for (ReplicaSet rs : owned) {
      for (Pod pod : podsByRs.getOrDefault(rs.getMetadata().getName(), List.of())) {
        replicas++;
        ready += Pods.isReady(pod) ? 1 : 0;
        available += Pods.isAvailable(pod, minReadySeconds, now) ? 1 : 0;
      }
    }
    int updated = newRs == null ? 0 : podsByRs.getOrDefault(newRs.getMetadata().getName(), List.of()).size();
    return new DeploymentStatusRules.Counts(replicas, updated, ready, available);
  }

  private static java.util.Optional<Instant> nextAvailability(List<ReplicaSet> owned, Map<String, List<Pod>> podsByRs,
                                                              int minReadySeconds, Instant now) {
    if (minReadySeconds <= 0) {
      return java.util.Optional.empty();
    }
    return owned.stream().flatMap(rs -> podsByRs.getOrDefault(rs.getMetadata().getName(), List.of()).stream())
        .filter(p -> Pods.isReady(p) && !Pods.isAvailable(p, minReadySeconds, now))
        .map(p -> Pods.availableAt(p, minReadySeconds)).filter(t -> t != null).min(Instant::compareTo);
  }

  private static ReplicaSetScaler.ReplicaSetState state(ReplicaSet rs, Map<String, List<Pod>> podsByRs,
                                                      int minReadySeconds, Instant now) {
    List<Pod> pods = podsByRs.getOrDefault(rs.getMetadata().getName(), List.of());
    int available = (int) pods.stream().filter(p -> Pods.isAvailable(p, minReadySeconds, now)).count();
    return new ReplicaSetScaler.ReplicaSetState(rs.getMetadata().getName(), revision(rs), specReplicas(rs), pods.size(), available);
  }

  static ReplicaSetScaler.RollingLimits rollingLimits(DeploymentSpec spec, int desired) {
    DeploymentStrategy strategy = spec.getStrategy();
    if (strategy == null || strategy.getRollingUpdate() == null) {
      return ReplicaSetScaler.limits(null, null, desired);
    }
    return ReplicaSetScaler.limits(strategy.getRollingUpdate().getMaxSurge(), strategy.getRollingUpdate().getMaxUnavailable(), desired);
  }

  private static int maxUnavailable(DeploymentSpec spec, int desired) {
    return isRecreate(spec.getStrategy()) ? 0 : rollingLimits(spec, desired).maxUnavailable();
  }

  private static boolean isRecreate(DeploymentStrategy strategy) {
    return strategy != null && "Recreate".equals(strategy.getType());
  }

  private static int progressDeadlineSeconds(DeploymentSpec spec) {
    return spec.getProgressDeadlineSeconds() == null ? 600 : spec.getProgressDeadlineSeconds();
  }

  private static int specReplicas(ReplicaSet rs) {
    return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
  }

  private static long revision(ReplicaSet rs) {
    Map<String, String> annotations = rs.getMetadata().getAnnotations();
    try {
      return annotations == null ? 0 : Long.parseLong(annotations.getOrDefault(REVISION_ANNOTATION, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static long nextRevision(List<ReplicaSet> owned) {
    return owned.stream().mapToLong(DeploymentController::revision).max().orElse(0) + 1;
  }

  private static String label(ReplicaSet rs, String name) {
    return rs.getMetadata().getLabels() == null ? null : rs.getMetadata().getLabels().get(name);
  }

  private static String firstImage(PodTemplateSpec template) {
    return template.getSpec() == null || template.getSpec().getContainers() == null || template.getSpec().getContainers().isEmpty()
        ? null : template.getSpec().getContainers().get(0).getImage();
  }
}
