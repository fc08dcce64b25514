package io.milvus.operator.chart;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.cli.MilvusOperator;
import io.milvus.operator.kubesim.ApiCallLog;
import io.milvus.operator.kubesim.JobBehaviour;
import io.milvus.operator.kubesim.KubeSim;
import io.milvus.operator.reconcile.OperatorSettings;
import io.milvus.operator.status.ObservedState.DependencyHealth;
import io.milvus.operator.upgrade.UpgradeSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/** kube-sim with the CRDs installed and the real operator, every API call of which is recorded. */
final class RecordingCluster implements AutoCloseable {

  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final String TOOL_IMAGE = "milvusdb/meta-migration:rbac-test";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  final KubeSim sim = KubeSim.start();
  final KubernetesClient user = sim.newClient();
  private KubernetesClient operatorClient;
  private Operator operator;

  RecordingCluster() {
    for (String crd : CrdSyncTest.GENERATED) {
      user.apiextensions().v1().customResourceDefinitions()
          .load(getClass().getResourceAsStream("/META-INF/fabric8/" + crd)).create();
    }
    sim.scripts().forJobImagePrefix(TOOL_IMAGE, JobBehaviour.succeedAfter(Duration.ofMillis(20)));
  }

  /** Starts an operator that watches {@code namespaces} (all when empty) and records its calls into {@code log}. */
  void startOperator(Set<String> namespaces, ApiCallLog log) {
    operatorClient = sim.newClient(log);
    OperatorSettings settings = OperatorSettings.standard()
        .withProbe((what, endpoints) -> new DependencyHealth(true, "reachable (test)"))
        .withUpgrade(UpgradeSettings.standard().withToolImage(TOOL_IMAGE)
            .withSessionExpiry(Duration.ofMillis(200)).withHealthyDeadline(Duration.ofSeconds(20)));
    operator = MilvusOperator.create(operatorClient, settings, namespaces, Duration.ofSeconds(2));
    operator.start();
  }

  void stopOperator() {
    if (operator != null) {
      operator.stop();
      operatorClient.close();
      operator = null;
    }
  }

  Milvus create(String yaml) {
    return user.resource(JSON.unmarshal(yaml, Milvus.class)).create();
  }

  MilvusUpgrade createUpgrade(String yaml) {
    return user.resource(JSON.unmarshal(yaml, MilvusUpgrade.class)).create();
  }

  Milvus milvus(String namespace, String name) {
    return user.resources(Milvus.class).inNamespace(namespace).withName(name).get();
  }

  Milvus awaitMilvus(String namespace, String name, Predicate<Milvus> condition, String what) {
    try {
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
          .until(() -> {
            Milvus m = milvus(namespace, name);
            return m != null && condition.test(m);
          });
    } catch (ConditionTimeoutException e) {
      Milvus m = milvus(namespace, name);
      throw new AssertionError("Milvus " + namespace + "/" + name + " did not become " + what + "; its status: "
          + (m == null ? "gone" : JSON.asYaml(m.getStatus())), e);
    }
    return milvus(namespace, name);
  }

  Milvus awaitHealthy(String namespace, String name, String image) {
    return awaitMilvus(namespace, name, m -> m.getStatus() != null && "Healthy".equals(m.getStatus().getStatus())
        && image.equals(m.getStatus().getCurrentImage()), "Healthy on " + image);
  }

  void awaitUpgradeState(String namespace, String name, String state) {
    try {
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
        MilvusUpgrade u = user.resources(MilvusUpgrade.class).inNamespace(namespace).withName(name).get();
        return u != null && u.getStatus() != null && state.equals(u.getStatus().getState());
      });
    } catch (ConditionTimeoutException e) {
      MilvusUpgrade u = user.resources(MilvusUpgrade.class).inNamespace(namespace).withName(name).get();
      throw new AssertionError("MilvusUpgrade " + name + " did not reach " + state + ": "
          + (u == null ? "gone" : JSON.asYaml(u.getStatus())), e);
    }
  }

  void awaitGone(String namespace, String name) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> milvus(namespace, name) == null);
  }

  List<String> namespaces() {
    return user.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName()).toList();
  }

  @Override
  public void close() {
    stopOperator();
    user.close();
    sim.close();
  }
}
