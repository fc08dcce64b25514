package io.milvus.operator.kubesim;

import static io.milvus.operator.kubesim.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.milvus.operator.kubesim.ApiCallLog.ApiCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiCallLogTest {

  private KubeSim sim;

  @BeforeAll
  void start() {
    sim = KubeSim.start();
  }

  @AfterAll
  void stop() {
    sim.close();
  }

  @Test
  void recordsEachRequestWithItsVerbAndResource() {
    ApiCallLog log = new ApiCallLog();
    try (KubernetesClient client = sim.newClient(log)) {
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
          .withNewMetadata().withName("settings").endMetadata().addToData("a", "1").build()).create();
      client.configMaps().inNamespace("default").withName("settings").get();
      client.configMaps().inNamespace("default").list();
      client.configMaps().inNamespace("default").withName("settings").edit(c -> {
        c.getData().put("b", "2");
        return c;
      });
      client.configMaps().inNamespace("default").withName("settings").delete();
      try (Watch ignored = client.apps().deployments().inAnyNamespace().watch(new NoOpWatcher<>())) {
        // opening the watch is the request
      }
    }

    assertThat(log.calls()).containsExactly(
        new ApiCall("create", "", "v1", "configmaps", null, "default", null),
        new ApiCall("get", "", "v1", "configmaps", null, "default", "settings"),
        new ApiCall("list", "", "v1", "configmaps", null, "default", null),
        new ApiCall("get", "", "v1", "configmaps", null, "default", "settings"),
        new ApiCall("patch", "", "v1", "configmaps", null, "default", "settings"),
        new ApiCall("delete", "", "v1", "configmaps", null, "default", "settings"),
        new ApiCall("watch", "apps", "v1", "deployments", null, null, null));
    assertThat(log.writes()).isEqualTo(3);
  }

  @Test
  void statusWritesNameTheSubresource() {
    ApiCallLog log = new ApiCallLog();
    try (KubernetesClient client = sim.newClient(log)) {
      client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
          .withNewMetadata().withName("x").endMetadata().build()).create();
      Deployment d = client.resource(Fixtures.deployment("default", "status-writer", 0, "x:1").build()).create();
      log.clear();

      // a merge patch without a resourceVersion: the deployment controller may write the status at any moment
      d.getMetadata().setResourceVersion(null);
      client.resource(d).patchStatus();
    }

    assertThat(log.calls()).filteredOn(ApiCall::isWrite)
        .extracting(ApiCall::verb, ApiCall::group, ApiCall::resource, ApiCall::subresource)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("patch", "apps", "deployments", "status"));
  }

  @Test
  void theSimulatorsOwnControllersAreNeverRecorded() {
    ApiCallLog log = new ApiCallLog();
    String ns;
    try (KubernetesClient client = sim.newClient(log)) {
      ns = "quiet-calls"; // created here, not by Fixtures, whose wait for the ServiceAccount would be recorded
      client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
          .withNewMetadata().withName(ns).endMetadata().build()).create();
      client.resource(Fixtures.deployment(ns, "web", 2, "web:1").build()).create();
      try (KubernetesClient observer = sim.newClient()) {
        String namespace = ns;
        await().until(() -> DeploymentRolloutTest.isRolledOut(observer.apps().deployments().inNamespace(namespace).withName("web").get()));
      }
    }

    assertThat(log.calls()).containsExactly(
        new ApiCall("create", "", "v1", "namespaces", null, null, null),
        new ApiCall("create", "apps", "v1", "deployments", null, ns, null));
  }

  @Test
  void clearForgetsAndLogsStaySeparatePerClient() {
    ApiCallLog first = new ApiCallLog();
    ApiCallLog second = new ApiCallLog();
    try (KubernetesClient a = sim.newClient(first); KubernetesClient b = sim.newClient(second)) {
      a.pods().inNamespace("default").list();
      b.services().inNamespace("default").list();
      b.services().inNamespace("default").list();
    }

    assertThat(first.calls()).extracting(ApiCall::resource).containsExactly("pods");
    assertThat(second.calls("list", "services")).hasSize(2);
    second.clear();
    assertThat(second.calls()).isEmpty();
  }

  private static final class NoOpWatcher<T> implements Watcher<T> {
    @Override
    public void eventReceived(Action action, T resource) {
    }

    @Override
    public void onClose(WatcherException cause) {
    }
  }
}
