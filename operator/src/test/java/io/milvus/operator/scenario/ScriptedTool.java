package io.milvus.operator.scenario;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.milvus.operator.kubesim.JobRunner;
import io.milvus.operator.upgrade.TaskResources;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Plays the meta-migration tool in kube-sim's Jobs: per upgrade and task kind, how many of the next runs fail,
 * and optionally a gate that holds runs until opened. Records every run, so a story can check that no step ran twice.
 */
final class ScriptedTool implements JobRunner {

  private final List<String> runs = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

  /** The next {@code times} runs of {@code kind} (backup-meta, update-meta, rollback-meta) for the upgrade fail. */
  void fail(String upgrade, String kind, int times) {
    failuresLeft.put(upgrade + "/" + kind, times);
  }

  /** Runs of {@code kind} for the upgrade wait until {@link #open} is called. */
  void hold(String upgrade, String kind) {
    gates.put(upgrade + "/" + kind, new CountDownLatch(1));
  }

  void open(String upgrade, String kind) {
    CountDownLatch gate = gates.remove(upgrade + "/" + kind);
    if (gate != null) {
      gate.countDown();
    }
  }

  /** Job names of every run so far, in order. */
  List<String> runsOf(String upgrade) {
    return runs.stream().filter(r -> r.startsWith(upgrade + "-")).toList();
  }

  @Override
  public int run(Job job) throws Exception {
    runs.add(job.getMetadata().getName());
    Map<String, String> labels = job.getMetadata().getLabels();
    String key = labels.get(TaskResources.UPGRADE_LABEL) + "/" + labels.get(TaskResources.TASK_KIND_LABEL);
    CountDownLatch gate = gates.get(key);
    if (gate != null && !gate.await(60, TimeUnit.SECONDS)) {
      return 2;
    }
    Integer left = failuresLeft.get(key);
    if (left != null && left > 0) {
      failuresLeft.put(key, left - 1);
      return 1;
    }
    return 0;
  }
}
