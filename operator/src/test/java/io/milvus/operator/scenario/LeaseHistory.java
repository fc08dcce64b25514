package io.milvus.operator.scenario;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.milvus.operator.cli.OperatorRuntime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every version of the operator's lease, as {@code kubectl get lease -w} shows them. */
final class LeaseHistory implements AutoCloseable {

  private final List<Lease> versions = new CopyOnWriteArrayList<>();
  private final Watch watch;

  LeaseHistory(KubernetesClient client) {
    watch = client.leases().inNamespace("default").withName(OperatorRuntime.LEASE_NAME).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Lease lease) {
        versions.add(lease);
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
  }

  /** When {@code holder} last renewed the lease (or took it). */
  Optional<ZonedDateTime> lastRenewalBy(String holder) {
    return versions.stream().filter(l -> holder.equals(l.getSpec().getHolderIdentity()))
        .map(l -> l.getSpec().getRenewTime()).filter(Objects::nonNull).reduce((a, b) -> b);
  }

  /** When {@code holder} took the lease over. */
  Optional<ZonedDateTime> acquiredBy(String holder) {
    return versions.stream().filter(l -> holder.equals(l.getSpec().getHolderIdentity()))
        .map(l -> l.getSpec().getAcquireTime()).filter(Objects::nonNull).findFirst();
  }

  @Override
  public void close() {
    watch.close();
  }
}
