package io.milvus.operator.kubesim;

import static io.milvus.operator.kubesim.Fixtures.await;
import static io.milvus.operator.kubesim.Fixtures.orZero;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatefulSetTest {

  private KubeSim sim;
  private KubernetesClient client;

  @BeforeAll
  void start() {
    sim = KubeSim.start();
    client = sim.newClient();
  }

  @AfterAll
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void podsStartInOrdinalOrderEachAfterThePreviousIsReadyWithBoundClaims() {
    String ns = Fixtures.newNamespace(client, "etcd");
    sim.scripts().forImage("etcd:3.5", PodBehaviour.readyAfter(Duration.ofMillis(100)));
    List<String> events = new CopyOnWriteArrayList<>();
    try (Watch ignored = client.pods().inNamespace(ns).watch(recorder(events))) {
      client.resource(Fixtures.statefulSet(ns, "etcd", 3, "etcd:3.5").build()).create();

      await().until(() -> isReady(get(ns, "etcd"), 3));
    }

    assertThat(events.stream().filter(e -> e.startsWith("ADDED")).toList())
        .containsExactly("ADDED etcd-0", "ADDED etcd-1", "ADDED etcd-2");
    assertThat(events.indexOf("ADDED etcd-1")).isGreaterThan(events.indexOf("READY etcd-0"));
    assertThat(events.indexOf("ADDED etcd-2")).isGreaterThan(events.indexOf("READY etcd-1"));
    List<PersistentVolumeClaim> claims = claims(ns);
    assertThat(claims).extracting(c -> c.getMetadata().getName()).containsExactly("data-etcd-0", "data-etcd-1", "data-etcd-2");
    assertThat(claims).allSatisfy(c -> {
      assertThat(c.getStatus().getPhase()).isEqualTo("Bound");
      assertThat(c.getStatus().getCapacity()).containsEntry("storage", new Quantity("5Gi"));
      assertThat(c.getMetadata().getOwnerReferences()).isEmpty();
      assertThat(client.persistentVolumes().withName(c.getSpec().getVolumeName()).get()).isNotNull();
    });
    Pod first = client.pods().inNamespace(ns).withName("etcd-0").get();
    assertThat(first.getSpec().getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("data-etcd-0"));
    assertThat(first.getSpec().getHostname()).isEqualTo("etcd-0");
    StatefulSet etcd = get(ns, "etcd");
    assertThat(etcd.getStatus().getCurrentRevision()).isEqualTo(etcd.getStatus().getUpdateRevision());
    assertThat(etcd.getStatus().getObservedGeneration()).isEqualTo(etcd.getMetadata().getGeneration());
  }

  @Test
  void claimsOutliveTheirStatefulSet() {
    String ns = Fixtures.newNamespace(client, "minio");
    client.resource(Fixtures.statefulSet(ns, "minio", 2, "minio:1").build()).create();
    await().until(() -> isReady(get(ns, "minio"), 2));

    client.apps().statefulSets().inNamespace(ns).withName("minio").delete();

    await().until(() -> client.pods().inNamespace(ns).list().getItems().isEmpty());
    assertThat(claims(ns)).extracting(c -> c.getMetadata().getName()).containsExactly("data-minio-0", "data-minio-1");
    assertThat(claims(ns)).allMatch(c -> "Bound".equals(c.getStatus().getPhase()));
  }

  @Test
  void aTemplateChangeRollsPodsFromTheHighestOrdinalDown() {
    String ns = Fixtures.newNamespace(client, "roll");
    client.resource(Fixtures.statefulSet(ns, "db", 3, "db:1").build()).create();
    await().until(() -> isReady(get(ns, "db"), 3));
    String oldRevision = get(ns, "db").getStatus().getCurrentRevision();
    List<String> events = new CopyOnWriteArrayList<>();

    try (Watch ignored = client.pods().inNamespace(ns).watch(recorder(events))) {
      client.apps().statefulSets().inNamespace(ns).withName("db").edit(s -> {
        s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("db:2");
        return s;
      });
      await().until(() -> {
        StatefulSet db = get(ns, "db");
        return db.getStatus().getObservedGeneration().equals(db.getMetadata().getGeneration())
            && !db.getStatus().getUpdateRevision().equals(oldRevision)
            && isReady(db, 3) && orZero(db.getStatus().getUpdatedReplicas()) == 3
            && db.getStatus().getCurrentRevision().equals(db.getStatus().getUpdateRevision());
      });
    }

    assertThat(events.stream().filter(e -> e.startsWith("DELETED")).toList())
        .containsExactly("DELETED db-2", "DELETED db-1", "DELETED db-0");
    assertThat(get(ns, "db").getStatus().getCurrentRevision()).isNotEqualTo(oldRevision);
    assertThat(client.pods().inNamespace(ns).list().getItems())
        .allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("db:2"));
  }

  @Test
  void scalingDownRemovesTheHighestOrdinalsAndKeepsTheirClaims() {
    String ns = Fixtures.newNamespace(client, "shrink");
    client.resource(Fixtures.statefulSet(ns, "kv", 3, "kv:1").build()).create();
    await().until(() -> isReady(get(ns, "kv"), 3));

    client.apps().statefulSets().inNamespace(ns).withName("kv").scale(1);

    await().until(() -> client.pods().inNamespace(ns).list().getItems().size() == 1 && isReady(get(ns, "kv"), 1));
    assertThat(client.pods().inNamespace(ns).withName("kv-0").get()).isNotNull();
    assertThat(claims(ns)).hasSize(3);
  }

  private StatefulSet get(String ns, String name) {
    return client.apps().statefulSets().inNamespace(ns).withName(name).get();
  }

  private List<PersistentVolumeClaim> claims(String ns) {
    return client.persistentVolumeClaims().inNamespace(ns).list().getItems().stream()
        .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName())).toList();
  }

  private static boolean isReady(StatefulSet sts, int replicas) {
    return sts != null && sts.getStatus() != null && orZero(sts.getStatus().getReadyReplicas()) == replicas
        && orZero(sts.getStatus().getReplicas()) == replicas;
  }

  /** Records pod ADDED/DELETED events, and the first time each pod is seen ready. */
  private static Watcher<Pod> recorder(List<String> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        String name = pod.getMetadata().getName();
        if (action == Action.ADDED || action == Action.DELETED) {
          events.add(action + " " + name);
        }
        boolean ready = pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
            .stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
        if (ready && !events.contains("READY " + name)) {
          events.add("READY " + name);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    };
  }
}
