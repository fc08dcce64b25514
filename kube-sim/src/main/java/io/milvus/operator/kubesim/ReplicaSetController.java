package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Keeps spec.replicas pods of each ReplicaSet alive (deleting the least useful first) and reports its status. */
final class ReplicaSetController extends SimController {

  ReplicaSetController(SimContext ctx) {
    super(ctx, "replicaset-controller");
  }

  @Override
  void register() {
    ctx.informers().onChange(ReplicaSet.class, rs -> queue.add(ObjectKey.of(rs)));
    ctx.informers().onChange(Pod.class, pod -> Owners.controllerName(pod, "ReplicaSet")
        .ifPresent(rs -> queue.add(new ObjectKey(pod.getMetadata().getNamespace(), rs))));
  }

  @Override
  void reconcile(ObjectKey key) {
    ReplicaSet rs = ctx.informers().get(ReplicaSet.class, key);
    if (rs == null || Owners.isTerminating(rs)) {
      return;
    }
    int desired = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    List<Pod> pods = ownedPods(rs);
    List<Pod> active = pods.stream().filter(Pods::isActive).toList();
    if (active.size() < desired) {
      for (int i = active.size(); i < desired; i++) {
        createPod(rs);
      }
      return; // the pods' events bring us back to report status
    }
    if (active.size() > desired) {
      Pods.deletionCandidates(active).stream().limit(active.size() - desired)
          .forEach(p -> ctx.client().pods().inNamespace(key.namespace()).withName(p.getMetadata().getName())
              .withGracePeriod(0).delete());
      return;
    }
    writeStatus(rs, active);
  }

  /**
   * A pod the API server refuses (a missing ServiceAccount, an invalid template) is reported as Kubernetes does: a
   * FailedCreate Event and a ReplicaFailure condition on the ReplicaSet; the create is retried with backoff.
   */
  private void createPod(ReplicaSet rs) {
    try {
      createPod(rs, newPod(rs), why -> "Error creating: " + why);
    } catch (KubernetesClientException e) {
      if (e.getStatus() != null && e.getCode() >= 400 && e.getCode() < 500 && e.getCode() != 409) {
        recordReplicaFailure(rs, e.getStatus().getMessage());
      }
      throw e;
    }
  }

  /** The ReplicaFailure condition the Deployment controller copies; the next full status write clears it. */
  private void recordReplicaFailure(ReplicaSet rs, String message) {
    ReplicaSetStatus status = rs.getStatus() == null ? new ReplicaSetStatus() : rs.getStatus();
    boolean known = status.getConditions() != null && status.getConditions().stream().anyMatch(c ->
        DeploymentStatusRules.REPLICA_FAILURE.equals(c.getType()) && message.equals(c.getMessage()));
    if (!known) {
      ReplicaSetCondition failure = new ReplicaSetConditionBuilder().withType(DeploymentStatusRules.REPLICA_FAILURE)
          .withStatus("True").withReason("FailedCreate").withMessage(message)
          .withLastTransitionTime(Timestamps.format(now())).build();
      rs.setStatus(new ReplicaSetStatusBuilder(status).withConditions(failure).build());
      writeStatus(rs);
    }
  }

  private void writeStatus(ReplicaSet rs, List<Pod> active) {
    int minReadySeconds = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
    Instant now = now();
    Map<String, String> selector = matchLabels(rs.getSpec().getSelector());
    ReplicaSetStatus status = new ReplicaSetStatusBuilder()
        .withReplicas(active.size())
        .withFullyLabeledReplicas((int) active.stream().filter(p -> hasLabels(p, selector)).count())
        .withReadyReplicas(nullIfZero(active.stream().filter(Pods::isReady).count()))
        .withAvailableReplicas(nullIfZero(active.stream().filter(p -> Pods.isAvailable(p, minReadySeconds, now)).count()))
        .withObservedGeneration(rs.getMetadata().getGeneration())
        .build();
    if (!status.equals(rs.getStatus())) {
      rs.setStatus(status);
      writeStatus(rs);
    }
    active.stream().filter(Pods::isReady).filter(p -> !Pods.isAvailable(p, minReadySeconds, now))
        .map(p -> Pods.availableAt(p, minReadySeconds)).filter(t -> t != null).min(Instant::compareTo)
        .ifPresent(t -> requeueAt(ObjectKey.of(rs), t));
  }

  private List<Pod> ownedPods(ReplicaSet rs) {
    return ctx.client().pods().inNamespace(rs.getMetadata().getNamespace())
        .withLabels(matchLabels(rs.getSpec().getSelector())).list().getItems().stream()
        .filter(p -> Owners.isControlledBy(p, rs)).toList();
  }

  private Pod newPod(ReplicaSet rs) {
    return PodFactory.fromTemplate(rs.getSpec().getTemplate(), GeneratedNames.withRandomSuffix(rs.getMetadata().getName()), rs,
        Map.of(), ctx.options().nodeName());
  }

  static Map<String, String> matchLabels(LabelSelector selector) {
    return selector == null || selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
  }

  private static boolean hasLabels(Pod pod, Map<String, String> labels) {
    Map<String, String> podLabels = pod.getMetadata().getLabels();
    return podLabels != null && podLabels.entrySet().containsAll(labels.entrySet());
  }

  static Integer nullIfZero(long count) {
    return count == 0 ? null : (int) count;
  }
}
