package io.milvus.operator.status;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.render.InClusterPulsar;
import io.milvus.operator.render.InClusterPulsar.Part;
import io.milvus.operator.render.Labels;
import io.milvus.operator.render.PulsarProgress;
import io.milvus.operator.render.RenderContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Pure: how far an in-cluster Pulsar has come up, and its MsgStreamReady condition. */
public final class PulsarStatus {

  private PulsarStatus() {}

  public static PulsarProgress progress(RenderContext ctx, ObservedState observed) {
    Set<Part> ready = EnumSet.noneOf(Part.class);
    for (Part part : InClusterPulsar.parts(ctx)) {
      Optional<StatefulSet> sts = observed.dependency(part.objectName(ctx.name()));
      if (sts.filter(PulsarStatus::allReady).isPresent() && readyPods(ctx, observed, part) >= desired(sts.get())) {
        ready.add(part);
      }
    }
    return new PulsarProgress(ready, complete(observed, InClusterPulsar.bookieInitJob(ctx.name())),
        complete(observed, InClusterPulsar.metadataInitJob(ctx.name())));
  }

  /** True only when brokers and proxy serve; otherwise what Pulsar waits for, first thing first. */
  static MilvusCondition msgStreamReady(RenderContext ctx, ObservedState observed) {
    String cr = ctx.name();
    if (!observed.missingSecrets().isEmpty()) {
      return notReady("Pulsar's JWT authentication needs Secret(s) " + String.join(", ", observed.missingSecrets())
          + " in namespace " + ctx.namespace() + " (the key in <release>-token-symmetric-key as SECRETKEY, each role's"
          + " token in <release>-token-<role> as TOKEN); brokers and proxy cannot start without them");
    }
    PulsarProgress progress = progress(ctx, observed);
    if (progress.serving()) {
      return Conditions.of(Conditions.MSG_STREAM_READY, true, Conditions.REASON_MSG_STREAM_READY,
          "In-cluster Pulsar serves: brokers ready, proxy " + InClusterPulsar.proxyHost(ctx) + ":"
              + InClusterPulsar.BROKER_PORT + " ready");
    }
    for (String job : List.of(InClusterPulsar.bookieInitJob(cr), InClusterPulsar.metadataInitJob(cr))) {
      Optional<String> failure = failure(observed.jobs().get(job));
      if (failure.isPresent()) {
        return notReady("Job " + job + " failed: " + failure.get() + "; delete the Job to run it again");
      }
    }
    if (!progress.ready(Part.ZOOKEEPER)) {
      return notReady(waiting(observed, ctx, Part.ZOOKEEPER, "ZooKeeper"));
    }
    if (!progress.bookieInitDone()) {
      return notReady("Initialising BookKeeper's cluster in ZooKeeper (Job " + InClusterPulsar.bookieInitJob(cr) + ")");
    }
    if (!progress.ready(Part.BOOKKEEPER)) {
      return notReady(waiting(observed, ctx, Part.BOOKKEEPER, "BookKeeper"));
    }
    if (!progress.metadataInitDone()) {
      return notReady("Initialising Pulsar's cluster metadata (Job " + InClusterPulsar.metadataInitJob(cr) + ")");
    }
    if (!progress.ready(Part.BROKER)) {
      return notReady(waiting(observed, ctx, Part.BROKER, "Brokers"));
    }
    return notReady(waiting(observed, ctx, Part.PROXY, "Proxy"));
  }

  private static String waiting(ObservedState observed, RenderContext ctx, Part part, String what) {
    String name = part.objectName(ctx.name());
    Optional<StatefulSet> sts = observed.dependency(name);
    if (sts.isEmpty()) {
      return "Starting Pulsar: " + what + " (StatefulSet " + name + ") is being created";
    }
    Integer ready = sts.get().getStatus() == null ? null : sts.get().getStatus().getReadyReplicas();
    String why = PodDiagnosis.firstUnready(observed.pods(), Labels.selector(ctx.name(), part.component()))
        .map(p -> ": " + p).orElse("");
    return "Starting Pulsar: " + what + " (StatefulSet " + name + ") has " + (ready == null ? 0 : ready) + "/"
        + desired(sts.get()) + " ready pods" + why;
  }

  private static MilvusCondition notReady(String message) {
    return Conditions.of(Conditions.MSG_STREAM_READY, false, Conditions.REASON_MSG_STREAM_NOT_READY, message);
  }

  /**
   * The StatefulSet controller has seen the current spec and counts every pod ready and of the current revision:
   * a status from before a change (more replicas, a new image) does not count.
   */
  private static boolean allReady(StatefulSet sts) {
    var status = sts.getStatus();
    if (status == null) {
      return false;
    }
    Long generation = sts.getMetadata().getGeneration();
    boolean current = generation == null || status.getObservedGeneration() != null
        && status.getObservedGeneration() >= generation;
    int desired = desired(sts);
    return current && desired > 0 && atLeast(status.getReadyReplicas(), desired)
        && atLeast(status.getUpdatedReplicas(), desired);
  }

  private static boolean atLeast(Integer count, int wanted) {
    return count != null && count >= wanted;
  }

  /** The part's pods the operator sees ready itself (their readiness probes pass), not only as counted. */
  private static long readyPods(RenderContext ctx, ObservedState observed, Part part) {
    var labels = Labels.selector(ctx.name(), part.component()).entrySet();
    return observed.pods().stream()
        .filter(p -> p.getMetadata().getLabels() != null && p.getMetadata().getLabels().entrySet().containsAll(labels))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(PodDiagnosis::isReady)
        .count();
  }

  private static int desired(StatefulSet sts) {
    return sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
  }

  private static boolean complete(ObservedState observed, String job) {
    return condition(observed.jobs().get(job), "Complete").isPresent();
  }

  private static Optional<String> failure(Job job) {
    return condition(job, "Failed").map(c -> c.getReason() + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")"));
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    if (job == null || job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
  }
}
