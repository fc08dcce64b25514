package io.milvus.operator.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * How many objects of a kind meet a condition, kept up to date by a watch: a poll would list every object again
 * each time, a cost that grows with how long the wait lasts (that is, with the machine's load) and lands in the CPU
 * time the benchmark measures.
 */
final class Counting<T extends HasMetadata> implements AutoCloseable {

  private final Set<String> meeting = ConcurrentHashMap.newKeySet();
  private final SharedIndexInformer<T> informer;

  private Counting(KubernetesClient client, Class<T> type, Predicate<T> condition) {
    this.informer = client.resources(type).inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        onUpdate(null, object);
      }

      @Override
      public void onUpdate(T old, T object) {
        if (condition.test(object)) {
          meeting.add(object.getMetadata().getUid());
        } else {
          meeting.remove(object.getMetadata().getUid());
        }
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        meeting.remove(object.getMetadata().getUid());
      }
    });
  }

  /** Starts watching (and listing once) every object of {@code type} in all namespaces. */
  static <T extends HasMetadata> Counting<T> of(KubernetesClient client, Class<T> type, Predicate<T> condition) {
    return new Counting<>(client, type, condition);
  }

  /** Waits until at least {@code count} objects meet the condition, telling the progress every 10 s. */
  void awaitAtLeast(int count, long since, String what) throws InterruptedException {
    long told = System.nanoTime();
    while (System.nanoTime() - since < ScaleBenchmark.GIVE_UP.toNanos()) {
      int now = meeting.size();
      if (now >= count) {
        return;
      }
      if (System.nanoTime() - told > 10_000_000_000L) {
        System.out.printf("  %d/%d %s after %.0f s%n", now, count, what, (System.nanoTime() - since) / 1e9);
        told = System.nanoTime();
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("not " + count + " " + what + " within " + ScaleBenchmark.GIVE_UP);
  }

  @Override
  public void close() {
    informer.close();
  }
}
