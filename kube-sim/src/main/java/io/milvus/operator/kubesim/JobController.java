package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Jobs: one pod at a time ({@code <job>-xxxxx}, label job-name), played by the {@link JobBehaviour} scripted
 * for its first container's image; a new pod per failure until backoffLimit; conditions Complete or Failed.
 * It writes its pods' status itself (it is their kubelet).
 */
final class JobController extends SimController {

  private static final Logger LOG = LoggerFactory.getLogger(JobController.class);
  static final String JOB_NAME_LABEL = "job-name";

  /**
   * A pod's run: when it started, and either a scripted outcome due at a time, or a runner's future whose exit code
   * arrives when it returns.
   */
  private record Run(Instant startedAt, Instant dueAt, int scriptedExitCode, Future<?> future) {
  }

  private final Map<String, Run> runsByPodUid = new ConcurrentHashMap<>();
  /** Exit codes of runners that returned, by pod uid (kept apart: a runner may return before its Run is stored). */
  private final Map<String, Integer> runnerExitCodes = new ConcurrentHashMap<>();
  private final Map<String, Instant> startTimeByJobUid = new ConcurrentHashMap<>();

  JobController(SimContext ctx) {
    super(ctx, "job-controller");
  }

  @Override
  void register() {
    ctx.informers().on(Job.class, new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
      @Override
      public void onAdd(Job job) {
        queue.add(ObjectKey.of(job));
      }

      @Override
      public void onUpdate(Job oldJob, Job newJob) {
        queue.add(ObjectKey.of(newJob));
      }

      @Override
      public void onDelete(Job job, boolean finalStateUnknown) {
        startTimeByJobUid.remove(job.getMetadata().getUid());
      }
    });
    ctx.informers().on(Pod.class, new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        jobOf(pod);
      }

      @Override
      public void onUpdate(Pod oldPod, Pod newPod) {
        jobOf(newPod);
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        runnerExitCodes.remove(pod.getMetadata().getUid());
        Run run = runsByPodUid.remove(pod.getMetadata().getUid());
        if (run != null && run.future() != null) {
          run.future().cancel(true);
        }
        jobOf(pod);
      }

      private void jobOf(Pod pod) {
        Owners.controllerName(pod, "Job").ifPresent(job -> queue.add(new ObjectKey(pod.getMetadata().getNamespace(), job)));
      }
    });
  }

  @Override
  void reconcile(ObjectKey key) {
    Job job = ctx.informers().get(Job.class, key);
    if (job == null || Owners.isTerminating(job) || job.getSpec() == null) {
      return;
    }
    JobSpec spec = job.getSpec();
    int completions = spec.getCompletions() == null ? 1 : spec.getCompletions();
    int backoffLimit = spec.getBackoffLimit() == null ? 6 : spec.getBackoffLimit();
    Instant now = now();
    List<Pod> pods = ownedPods(job);
    for (Pod pod : pods) {
      advance(job, pod, now);
    }
    pods = ownedPods(job);
    int succeeded = (int) pods.stream().filter(p -> "Succeeded".equals(phase(p))).count();
    int failed = (int) pods.stream().filter(p -> "Failed".equals(phase(p))).count();
    List<Pod> active = pods.stream().filter(Pods::isActive).toList();
    boolean finished = isFinished(job);
    boolean complete = succeeded >= completions;
    boolean failedOut = !complete && failed > backoffLimit;
    if (!finished && failedOut) {
      active.forEach(p -> ctx.client().resource(p).withGracePeriod(0).delete());
      active = List.of();
    }
    boolean suspended = Boolean.TRUE.equals(spec.getSuspend());
    if (!finished && !complete && !failedOut && !suspended && active.isEmpty()) {
      createPod(job, newPod(job), why -> "Error creating: " + why);
      return; // the pod's events bring us back
    }
    writeStatus(job, now, active, succeeded, failed, complete, failedOut);
  }

  /** Starts a new pod's run, or writes the outcome of a finished one onto the pod. */
  private void advance(Job job, Pod pod, Instant now) {
    if (!Pods.isActive(pod)) {
      return;
    }
    String uid = pod.getMetadata().getUid();
    Run run = runsByPodUid.get(uid);
    if (run == null) {
      run = start(job, pod, now);
      runsByPodUid.put(uid, run);
      writePodStatus(pod, running(pod, run.startedAt()));
    }
    Integer exitCode = runnerExitCodes.get(uid);
    if (exitCode == null && run.dueAt() != null) {
      if (now.isBefore(run.dueAt())) {
        requeueAt(ObjectKey.of(job), run.dueAt());
        return;
      }
      exitCode = run.scriptedExitCode();
    }
    if (exitCode != null) {
      writePodStatus(pod, terminated(pod, run.startedAt(), now, exitCode));
    }
  }

  private Run start(Job job, Pod pod, Instant now) {
    JobBehaviour behaviour = ctx.scripts().jobBehaviourFor(Pods.firstImage(pod));
    if (behaviour instanceof JobBehaviour.SucceedAfter s) {
      requeueAt(ObjectKey.of(job), now.plus(s.delay()));
      return new Run(now, now.plus(s.delay()), 0, null);
    }
    if (behaviour instanceof JobBehaviour.FailAfter f) {
      requeueAt(ObjectKey.of(job), now.plus(f.delay()));
      return new Run(now, now.plus(f.delay()), 1, null);
    }
    JobRunner runner = ((JobBehaviour.Run) behaviour).runner();
    String podUid = pod.getMetadata().getUid();
    ObjectKey jobKey = ObjectKey.of(job);
    Job snapshot = PodFactory.clone(job);
    Future<?> future = ctx.jobRunners().submit(() -> {
      int code;
      try {
        code = runner.run(snapshot);
      } catch (InterruptedException e) {
        return;
      } catch (Exception | LinkageError | AssertionError e) {
        LOG.warn("job {}: runner failed, exit code 1: {}", jobKey, e.toString());
        LOG.debug("job {}: runner failure", jobKey, e);
        code = 1;
      }
      runnerExitCodes.put(podUid, code);
      queue.add(jobKey);
    });
    return new Run(now, null, 0, future);
  }

  private void writeStatus(Job job, Instant now, List<Pod> active, int succeeded, int failed, boolean complete,
                           boolean failedOut) {
    JobStatus old = job.getStatus();
    Instant startTime = startTimeByJobUid.computeIfAbsent(job.getMetadata().getUid(), u -> now);
    List<JobCondition> conditions = new ArrayList<>(old == null || old.getConditions() == null ? List.of() : old.getConditions());
    String completionTime = old == null ? null : old.getCompletionTime();
    if (!isFinished(job) && complete) {
      conditions.add(jobCondition("Complete", null, null, now));
      completionTime = Timestamps.format(now);
    } else if (!isFinished(job) && failedOut) {
      conditions.add(jobCondition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now));
    }
    JobStatus status = new JobStatusBuilder()
        .withStartTime(old != null && old.getStartTime() != null ? old.getStartTime() : Timestamps.format(startTime))
        .withActive(ReplicaSetController.nullIfZero(active.size()))
        .withReady((int) active.stream().filter(Pods::isReady).count())
        .withSucceeded(ReplicaSetController.nullIfZero(succeeded))
        .withFailed(ReplicaSetController.nullIfZero(failed))
        .withConditions(conditions)
        .withCompletionTime(completionTime)
        .build();
    if (!status.equals(old)) {
      job.setStatus(status);
      writeStatus(job);
    }
  }

  private Pod newPod(Job job) {
    String name = job.getMetadata().getName();
    String uid = job.getMetadata().getUid();
    Map<String, String> labels = Map.of(JOB_NAME_LABEL, name, "batch.kubernetes.io/job-name", name,
        "controller-uid", uid, "batch.kubernetes.io/controller-uid", uid);
    return PodFactory.fromTemplate(job.getSpec().getTemplate(), GeneratedNames.withRandomSuffix(name), job, labels,
        ctx.options().nodeName());
  }

  private List<Pod> ownedPods(Job job) {
    return ctx.client().pods().inNamespace(job.getMetadata().getNamespace())
        .withLabel(JOB_NAME_LABEL, job.getMetadata().getName()).list().getItems().stream()
        .filter(p -> Owners.isControlledBy(p, job)).toList();
  }

  private void writePodStatus(Pod pod, PodStatus status) {
    pod.setStatus(status);
    writeStatus(pod);
  }

  private PodStatus running(Pod pod, Instant startedAt) {
    List<ContainerStatus> containers = pod.getSpec().getContainers().stream().map(c -> new ContainerStatusBuilder()
        .withName(c.getName()).withImage(c.getImage()).withImageID(c.getImage())
        .withReady(true).withStarted(true).withRestartCount(0)
        .withState(PodStatusSimulator.running(startedAt)).build()).toList();
    return base(pod, "Running", true, startedAt).withContainerStatuses(containers).build();
  }

  private PodStatus terminated(Pod pod, Instant startedAt, Instant now, int exitCode) {
    List<ContainerStatus> containers = pod.getSpec().getContainers().stream().map(c -> new ContainerStatusBuilder()
        .withName(c.getName()).withImage(c.getImage()).withImageID(c.getImage())
        .withReady(false).withStarted(false).withRestartCount(0)
        .withState(new ContainerStateBuilder().withNewTerminated()
            .withExitCode(exitCode).withReason(exitCode == 0 ? "Completed" : "Error")
            .withStartedAt(Timestamps.format(startedAt)).withFinishedAt(Timestamps.format(now))
            .endTerminated().build())
        .build()).toList();
    return base(pod, exitCode == 0 ? "Succeeded" : "Failed", false, startedAt).withContainerStatuses(containers).build();
  }

  private PodStatusBuilder base(Pod pod, String phase, boolean ready, Instant startedAt) {
    Instant now = now();
    List<PodCondition> conditions = List.of(
        PodStatusSimulator.condition(pod.getStatus(), "Initialized", true, null, null, startedAt),
        PodStatusSimulator.condition(pod.getStatus(), "Ready", ready, "PodCompleted", null, now),
        PodStatusSimulator.condition(pod.getStatus(), "ContainersReady", ready, "PodCompleted", null, now),
        PodStatusSimulator.condition(pod.getStatus(), "PodScheduled", true, null, null, startedAt));
    String ip = ctx.addresses().podIp(pod.getMetadata().getUid());
    return new PodStatusBuilder().withPhase(phase).withConditions(conditions)
        .withHostIP(KubeletController.HOST_IP).withPodIP(ip).withStartTime(Timestamps.format(startedAt));
  }

  private static boolean isFinished(Job job) {
    return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
        .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()));
  }

  private static JobCondition jobCondition(String type, String reason, String message, Instant now) {
    String time = Timestamps.format(now);
    return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
        .withLastProbeTime(time).withLastTransitionTime(time).build();
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }
}
