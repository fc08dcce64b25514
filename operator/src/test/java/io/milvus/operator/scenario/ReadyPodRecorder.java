package io.milvus.operator.scenario;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Watches one component's pods like {@code kubectl get pods -l ... -w}: counts those Ready and not terminating, whatever
 * Deployment they belong to, and remembers the lowest count seen, i.e. the capacity the component kept.
 */
final class ReadyPodRecorder implements AutoCloseable {

  private final Set<String> ready = new HashSet<>();
  private final Set<String> everSeen = new HashSet<>();
  private final Watch watch;
  private int min;

  ReadyPodRecorder(KubernetesClient client, String milvus, String component) {
    Map<String, String> labels = Map.of("app.kubernetes.io/instance", milvus, "app.kubernetes.io/component", component);
    var pods = client.pods().inNamespace("default").withLabels(labels);
    synchronized (this) {
      pods.list().getItems().forEach(this::seen);
      min = ready.size();
    }
    watch = pods.watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        synchronized (ReadyPodRecorder.this) {
          if (action == Action.DELETED) {
            ready.remove(pod.getMetadata().getName());
          } else {
            seen(pod);
          }
          min = Math.min(min, ready.size());
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
  }

  private void seen(Pod pod) {
    String name = pod.getMetadata().getName();
    everSeen.add(name);
    boolean isReady = pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
        && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    if (isReady) {
      ready.add(name);
    } else {
      ready.remove(name);
    }
  }

  /** The fewest Ready pods at any moment since the recorder started. */
  synchronized int minReady() {
    return min;
  }

  /** Every pod seen since the recorder started, including those present at its start. */
  synchronized Set<String> podsSeen() {
    return Set.copyOf(everSeen);
  }

  @Override
  public void close() {
    watch.close();
  }
}
