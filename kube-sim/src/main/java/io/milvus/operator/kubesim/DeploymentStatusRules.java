package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure: a Deployment's status from the pods its ReplicaSets have, and the Progressing condition's rules
 * (progress, completion, deadline). The previous {@link Memory} replaces the stored status as the reference for
 * "did anything progress", so a status wiped or edited by someone else cannot fake progress.
 */
final class DeploymentStatusRules {

  static final String AVAILABLE = "Available";
  static final String PROGRESSING = "Progressing";
  static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
  static final String RS_UPDATED = "ReplicaSetUpdated";
  static final String NEW_RS_CREATED = "NewReplicaSetCreated";
  static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
  static final String PAUSED = "DeploymentPaused";
  static final String REPLICA_FAILURE = "ReplicaFailure";

  /** What the pods of a Deployment look like now. */
  record Counts(int replicas, int updated, int ready, int available) {
    static final Counts NONE = new Counts(0, 0, 0, 0);
  }

  /** The inputs that come from the Deployment's spec and this reconcile. */
  /**
   * @param specReplicas the sum of the ReplicaSets' spec.replicas, surge included
   * @param replicaFailure why a ReplicaSet cannot create its pods (its ReplicaFailure condition), or null
   */
  record Input(long generation, int desired, int maxUnavailable, boolean paused, int progressDeadlineSeconds,
               String newRsName, boolean newRsCreated, boolean replicaSetsScaled, int specReplicas, Counts counts,
               Instant now, String replicaFailure) {
  }

  /** What the controller remembers between reconciles. */
  record Memory(Counts counts, Instant lastProgress, List<DeploymentCondition> conditions) {
    static final Memory NONE = new Memory(Counts.NONE, null, List.of());

    DeploymentCondition condition(String type) {
      return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }
  }

  /** @param deadline when the Progressing condition will time out if nothing happens, or null */
  record Result(DeploymentStatus status, Memory memory, boolean complete, Instant deadline) {
  }

  private DeploymentStatusRules() {
  }

  static Result evaluate(Input in, Memory previous) {
    Counts c = in.counts();
    boolean complete = c.updated() == in.desired() && c.replicas() == in.desired() && c.available() == in.desired();
    boolean progressed = in.newRsCreated() || in.replicaSetsScaled()
        || c.updated() > previous.counts().updated()
        || (c.replicas() - c.updated()) < (previous.counts().replicas() - previous.counts().updated())
        || c.ready() > previous.counts().ready()
        || c.available() > previous.counts().available();

    boolean minimumAvailable = c.available() >= in.desired() - in.maxUnavailable();
    DeploymentCondition available = minimumAvailable
        ? condition(previous, AVAILABLE, "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", in.now(), false)
        : condition(previous, AVAILABLE, "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", in.now(), false);

    String rs = in.newRsName() == null ? "" : in.newRsName();
    DeploymentCondition before = previous.condition(PROGRESSING);
    Instant lastProgress = previous.lastProgress();
    DeploymentCondition progressing;
    Instant deadline = null;
    if (in.paused()) {
      progressing = condition(previous, PROGRESSING, "Unknown", PAUSED, "Deployment is paused", in.now(), false);
    } else if (complete) {
      progressing = condition(previous, PROGRESSING, "True", NEW_RS_AVAILABLE,
          "ReplicaSet \"" + rs + "\" has successfully progressed.", in.now(), progressed || before == null);
      if (progressed) {
        lastProgress = in.now();
      }
    } else if (progressed || before == null || lastProgress == null || PAUSED.equals(before.getReason())) {
      String reason = in.newRsCreated() ? NEW_RS_CREATED : RS_UPDATED;
      String message = in.newRsCreated() ? "Created new replica set \"" + rs + "\"" : "ReplicaSet \"" + rs + "\" is progressing.";
      progressing = condition(previous, PROGRESSING, "True", reason, message, in.now(), true);
      lastProgress = in.now();
      deadline = lastProgress.plusSeconds(in.progressDeadlineSeconds());
    } else if (NEW_RS_AVAILABLE.equals(before.getReason()) || DEADLINE_EXCEEDED.equals(before.getReason())) {
      progressing = before; // a finished rollout does not time out; a timed-out one stays timed out
    } else if (!in.now().isBefore(lastProgress.plusSeconds(in.progressDeadlineSeconds()))) {
      progressing = condition(previous, PROGRESSING, "False", DEADLINE_EXCEEDED,
          "ReplicaSet \"" + rs + "\" has timed out progressing.", in.now(), true);
    } else {
      progressing = before;
      deadline = lastProgress.plusSeconds(in.progressDeadlineSeconds());
    }

    List<DeploymentCondition> conditions = new ArrayList<>(List.of(available, progressing));
    if (in.replicaFailure() != null) {
      conditions.add(condition(previous, REPLICA_FAILURE, "True", "FailedCreate", in.replicaFailure(), in.now(), false));
    }
    DeploymentStatus status = new DeploymentStatusBuilder()
        .withObservedGeneration(in.generation())
        .withReplicas(ReplicaSetController.nullIfZero(c.replicas()))
        .withUpdatedReplicas(ReplicaSetController.nullIfZero(c.updated()))
        .withReadyReplicas(ReplicaSetController.nullIfZero(c.ready()))
        .withAvailableReplicas(ReplicaSetController.nullIfZero(c.available()))
        .withUnavailableReplicas(ReplicaSetController.nullIfZero(Math.max(0, in.specReplicas() - c.available())))
        .withConditions(conditions)
        .build();
    return new Result(status, new Memory(c, lastProgress, List.copyOf(conditions)), complete, deadline);
  }

  /**
   * A condition that keeps its previous object when nothing about it changed (so the status compares equal),
   * keeps lastTransitionTime while the status value holds, and moves lastUpdateTime when {@code touched}.
   */
  private static DeploymentCondition condition(Memory previous, String type, String status, String reason,
                                               String message, Instant now, boolean touched) {
    DeploymentCondition old = previous.condition(type);
    boolean sameStatus = old != null && status.equals(old.getStatus());
    if (sameStatus && reason.equals(old.getReason()) && message.equals(old.getMessage()) && !touched) {
      return old;
    }
    String time = Timestamps.format(now);
    return new DeploymentConditionBuilder()
        .withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastUpdateTime(time)
        .withLastTransitionTime(sameStatus && old.getLastTransitionTime() != null ? old.getLastTransitionTime() : time)
        .build();
  }
}
