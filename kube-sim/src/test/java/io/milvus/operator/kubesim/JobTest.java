package io.milvus.operator.kubesim;

import static io.milvus.operator.kubesim.Fixtures.await;
import static io.milvus.operator.kubesim.Fixtures.orZero;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobTest {

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
  void anUnscriptedJobSucceedsWithOnePod() {
    String ns = Fixtures.newNamespace(client, "job-ok");
    client.resource(Fixtures.job(ns, "backup", "tools:1").build()).create();

    await().until(() -> condition(get(ns, "backup"), "Complete") != null);

    Job job = get(ns, "backup");
    assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
    assertThat(job.getStatus().getActive()).isNull();
    assertThat(job.getStatus().getStartTime()).isNotNull();
    assertThat(job.getStatus().getCompletionTime()).isNotNull();
    assertThat(pods(ns)).singleElement().satisfies(pod -> {
      assertThat(pod.getMetadata().getName()).matches("backup-[a-z0-9]{5}");
      assertThat(pod.getMetadata().getLabels()).containsEntry("job-name", "backup");
      assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(o -> assertThat(o.getUid()).isEqualTo(job.getMetadata().getUid()));
      assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
      assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isZero();
    });
  }

  @Test
  void aFailingJobRetriesUpToItsBackoffLimitThenFails() {
    String ns = Fixtures.newNamespace(client, "job-fail");
    sim.scripts().forJobImage("broken:1", JobBehaviour.failAfter(Duration.ofMillis(20)));
    client.resource(Fixtures.job(ns, "migrate", "broken:1").editSpec().withBackoffLimit(2).endSpec().build()).create();

    await().until(() -> condition(get(ns, "migrate"), "Failed") != null);

    Job job = get(ns, "migrate");
    assertThat(condition(job, "Failed").getReason()).isEqualTo("BackoffLimitExceeded");
    assertThat(job.getStatus().getFailed()).isEqualTo(3);
    assertThat(condition(job, "Complete")).isNull();
    assertThat(pods(ns)).hasSize(3).allMatch(p -> "Failed".equals(p.getStatus().getPhase()));
  }

  @Test
  void aJobRunnerRunsInProcessWithTheJobAndItsExitCodeDecides() {
    String ns = Fixtures.newNamespace(client, "job-run");
    AtomicReference<String> seenArgs = new AtomicReference<>();
    AtomicInteger attempts = new AtomicInteger();
    sim.scripts().forJobImage("milvusdb/meta-migration:v2.2.0", JobBehaviour.run(job -> {
      seenArgs.set(String.join(" ", job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()));
      return attempts.incrementAndGet() == 1 ? 1 : 0; // fails once, then succeeds
    }));
    Job migration = Fixtures.job(ns, "meta-migration", "milvusdb/meta-migration:v2.2.0")
        .editSpec().editTemplate().editSpec().editFirstContainer().withArgs("-config", "/milvus/configs/migration.yaml")
        .endContainer().endSpec().endTemplate().endSpec().build();
    client.resource(migration).create();

    await().until(() -> condition(get(ns, "meta-migration"), "Complete") != null);

    assertThat(seenArgs.get()).isEqualTo("-config /milvus/configs/migration.yaml");
    assertThat(attempts.get()).isEqualTo(2);
    Job job = get(ns, "meta-migration");
    assertThat(orZero(job.getStatus().getFailed())).isEqualTo(1);
    assertThat(orZero(job.getStatus().getSucceeded())).isEqualTo(1);
  }

  @Test
  void aRunnerThatThrowsCountsAsAFailure() {
    String ns = Fixtures.newNamespace(client, "job-throw");
    sim.scripts().forJobImage("throws:1", JobBehaviour.run(job -> {
      throw new IllegalStateException("etcd unreachable");
    }));
    client.resource(Fixtures.job(ns, "t", "throws:1").editSpec().withBackoffLimit(0).endSpec().build()).create();

    await().until(() -> condition(get(ns, "t"), "Failed") != null);
    assertThat(get(ns, "t").getStatus().getFailed()).isEqualTo(1);
  }

  @Test
  void deletingAJobDeletesItsPods() {
    String ns = Fixtures.newNamespace(client, "job-delete");
    sim.scripts().forJobImage("long:1", JobBehaviour.succeedAfter(Duration.ofMinutes(5)));
    client.resource(Fixtures.job(ns, "long", "long:1").build()).create();
    await().until(() -> pods(ns).size() == 1 && "Running".equals(pods(ns).get(0).getStatus().getPhase())
        && orZero(get(ns, "long").getStatus().getActive()) == 1);

    client.batch().v1().jobs().inNamespace(ns).withName("long").delete();

    await().until(() -> pods(ns).isEmpty());
  }

  private Job get(String ns, String name) {
    return client.batch().v1().jobs().inNamespace(ns).withName(name).get();
  }

  private List<Pod> pods(String ns) {
    return client.pods().inNamespace(ns).list().getItems();
  }

  private static JobCondition condition(Job job, String type) {
    if (job == null || job.getStatus() == null || job.getStatus().getConditions() == null) {
      return null;
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst().orElse(null);
  }
}
