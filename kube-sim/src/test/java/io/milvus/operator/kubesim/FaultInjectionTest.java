package io.milvus.operator.kubesim;

import static io.milvus.operator.kubesim.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.milvus.operator.kubesim.faults.Fault;
import io.milvus.operator.kubesim.faults.FaultRule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A flaky API server: only the client a rule names suffers, the way the rule says, and nothing else changes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTest {

  static final String FLAKY = "code-under-test";
  private KubeSim sim;
  private KubernetesClient user;
  /** No retries and a short timeout, so that each fault shows as the client's exception. */
  private KubernetesClient flaky;

  @BeforeAll
  void start() {
    sim = KubeSim.start();
    user = sim.newClient();
    flaky = new KubernetesClientBuilder().withConfig(new ConfigBuilder(sim.config()).withUserAgent(FLAKY)
        .withRequestRetryBackoffLimit(0).withRequestTimeout(1000).build()).build();
  }

  @AfterEach
  void heal() {
    sim.faults().clear();
  }

  @AfterAll
  void stop() {
    flaky.close();
    user.close();
    sim.close();
  }

  @Test
  void errorStatusesAnswerInsteadOfTheServerAndNothingIsWritten() {
    String ns = Fixtures.newNamespace(user, "errors");
    int before = sim.faults().injected().size();
    sim.faults().inject(FaultRule.forClient(FLAKY).verbs("create").resources("configmaps").fault(Fault.unavailable()));

    assertThatThrownBy(() -> flaky.resource(configMap(ns, "a")).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(503);
          assertThat(e.getStatus().getReason()).isEqualTo("ServiceUnavailable");
        });
    assertThat(user.configMaps().inNamespace(ns).withName("a").get()).isNull();
    assertThat(flaky.configMaps().inNamespace(ns).list().getItems()).as("other verbs are served")
        .extracting(c -> c.getMetadata().getName()).doesNotContain("a");

    sim.faults().clear();
    sim.faults().inject(FaultRule.forClient(FLAKY).fault(Fault.tooManyRequests(Duration.ofSeconds(1))));
    assertThatThrownBy(() -> flaky.configMaps().inNamespace(ns).list())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(429);
          assertThat(e.getStatus().getDetails().getRetryAfterSeconds()).isEqualTo(1);
        });
    assertThat(user.configMaps().inNamespace(ns).list().getItems()).as("other clients are served")
        .extracting(c -> c.getMetadata().getName()).doesNotContain("a");

    sim.faults().clear();
    sim.faults().inject(FaultRule.forClient(FLAKY).fault(Fault.internalError()));
    assertThatThrownBy(() -> flaky.configMaps().inNamespace(ns).withName("a").get())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(500));
    assertThat(sim.faults().injected().subList(before, sim.faults().injected().size()))
        .extracting(f -> f.fault().kind()).containsExactly("503", "429", "500");
  }

  @Test
  void aConflictHitsUpdatesAndPatchesOnlyAndNamesTheObject() {
    String ns = Fixtures.newNamespace(user, "conflicts");
    sim.faults().inject(FaultRule.forClient(FLAKY).fault(Fault.conflict()));

    ConfigMap created = flaky.resource(configMap(ns, "settings")).create();
    created.setData(Map.of("k", "changed"));

    assertThatThrownBy(() -> flaky.resource(created).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getMessage()).startsWith("Operation cannot be fulfilled on configmaps \"settings\"");
        });
    assertThat(user.configMaps().inNamespace(ns).withName("settings").get().getData()).containsEntry("k", "v");
  }

  @Test
  void aSlowAnswerIsAWriteThatHappenedWhileTheClientGaveUp() {
    String ns = Fixtures.newNamespace(user, "slow");
    sim.faults().inject(FaultRule.forClient(FLAKY).verbs("create").fault(Fault.slowAnswer(Duration.ofSeconds(3))));

    assertThatThrownBy(() -> flaky.resource(configMap(ns, "late")).create()).isInstanceOf(KubernetesClientException.class);

    assertThat(user.configMaps().inNamespace(ns).withName("late").get()).isNotNull();
  }

  @Test
  void noAnswerIsAWriteThatNeverHappened() {
    String ns = Fixtures.newNamespace(user, "silent");
    sim.faults().inject(FaultRule.forClient(FLAKY).verbs("create").fault(Fault.noAnswer(Duration.ofSeconds(3))));

    assertThatThrownBy(() -> flaky.resource(configMap(ns, "lost")).create()).isInstanceOf(KubernetesClientException.class);

    assertThat(user.configMaps().inNamespace(ns).withName("lost").get()).isNull();
  }

  @Test
  void anInformerWhoseWatchesAreDroppedWatchesAgainAndMissesNothing() {
    String ns = Fixtures.newNamespace(user, "dropped");
    sim.faults().inject(FaultRule.forClient(FLAKY).verbs("watch").fault(Fault.droppedWatch(Duration.ofMillis(300))));
    List<String> seen = new ArrayList<>();
    SharedIndexInformer<ConfigMap> informer = flaky.configMaps().inNamespace(ns).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(ConfigMap c) {
        synchronized (seen) {
          seen.add(c.getMetadata().getName());
        }
      }

      @Override
      public void onUpdate(ConfigMap before, ConfigMap after) {
      }

      @Override
      public void onDelete(ConfigMap c, boolean unknown) {
      }
    });
    try {
      for (int i = 0; i < 5; i++) {
        user.resource(configMap(ns, "cm-" + i)).create();
        int dropsSoFar = (int) sim.faults().count("dropped-watch");
        await().until(() -> sim.faults().count("dropped-watch") > dropsSoFar);
      }
      await().untilAsserted(() -> {
        synchronized (seen) {
          assertThat(seen).containsExactlyInAnyOrder(ROOT_CA, "cm-0", "cm-1", "cm-2", "cm-3", "cm-4");
        }
      });
    } finally {
      informer.close();
    }
  }

  @Test
  void aKubectlStyleWatchIsDroppedToo() throws Exception {
    String ns = Fixtures.newNamespace(user, "kubectl");
    user.resource(configMap(ns, "present")).create();
    sim.faults().inject(FaultRule.forClient(FLAKY).verbs("watch").fault(Fault.droppedWatch(Duration.ofMillis(300))));
    HttpRequest watch = HttpRequest.newBuilder(URI.create(sim.url() + "api/v1/namespaces/" + ns
            + "/configmaps?watch=true&fieldSelector=metadata.name%3Dpresent"))
        .header("User-Agent", FLAKY).build();

    HttpResponse<Stream<String>> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(watch, HttpResponse.BodyHandlers.ofLines());

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> events = CompletableFuture.supplyAsync(() -> response.body().toList()).get(30, TimeUnit.SECONDS);
    assertThat(events).as("the stream ended after the replay").singleElement().asString().contains("\"present\"");
  }

  @Test
  void theSameSeedHitsTheSameRequests() {
    String ns = Fixtures.newNamespace(user, "seeded");
    sim.faults().inject(FaultRule.forClient(FLAKY).verbs("get").rate(0.3).fault(Fault.internalError()));

    List<Integer> first = failingGets(ns, 42);
    List<Integer> second = failingGets(ns, 42);

    assertThat(first).isNotEmpty().hasSizeLessThan(20).isEqualTo(second);
    assertThat(failingGets(ns, 7)).isNotEqualTo(first);
  }

  @Test
  void theSimulatorsOwnControllersAreNeverHit() {
    assertThatThrownBy(() -> sim.faults().inject(FaultRule.forClient("kube-sim-controllers")))
        .hasMessageContaining("faults cannot be injected");

    String ns = Fixtures.newNamespace(user, "healthy");
    int before = sim.faults().injected().size();
    sim.faults().inject(FaultRule.forClient(FLAKY).fault(Fault.unavailable()));
    user.resource(Fixtures.deployment(ns, "web", 2, "nginx:1").build()).create();

    await().until(() -> Fixtures.orZero(user.apps().deployments().inNamespace(ns).withName("web").get().getStatus()
        .getReadyReplicas()) == 2);
    assertThat(sim.faults().injected()).hasSize(before);
  }

  private List<Integer> failingGets(String ns, long seed) {
    sim.faults().seed(seed);
    List<Integer> failed = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      try {
        flaky.configMaps().inNamespace(ns).withName("absent").get();
      } catch (KubernetesClientException e) {
        failed.add(i);
      }
    }
    return failed;
  }

  /** The root-ca-cert-publisher's ConfigMap, in every namespace from its start. */
  private static final String ROOT_CA = "kube-root-ca.crt";

  private static ConfigMap configMap(String ns, String name) {
    return new ConfigMapBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withData(Map.of("k", "v")).build();
  }
}
