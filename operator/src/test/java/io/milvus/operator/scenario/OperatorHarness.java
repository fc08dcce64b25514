package io.milvus.operator.scenario;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.awaitility.core.ConditionTimeoutException;
import io.javaoperatorsdk.operator.Operator;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import io.milvus.operator.cli.MilvusOperator;
import io.milvus.operator.kubesim.ApiCallLog;
import io.milvus.operator.kubesim.KubeSim;
import io.milvus.operator.reconcile.OperatorSettings;
import io.milvus.operator.status.Conditions;
import io.milvus.operator.status.ObservedState.DependencyHealth;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** The real operator (JOSDK, informers) against kube-sim, driven like a user drives a cluster. */
final class OperatorHarness implements AutoCloseable, AfterAllCallback {

  static final Duration RESYNC = Duration.ofSeconds(2);
  static final Duration PATIENCE = Duration.ofSeconds(30);
  /** How the operator's client introduces itself to kube-sim: the name fault rules select it by. */
  static final String OPERATOR = "milvus-operator";
  /** fabric8's default: how long the operator's client waits for an answer. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  final KubeSim sim;
  final KubernetesClient user;
  final ApiCallLog operatorCalls = new ApiCallLog();
  private KubernetesClient operatorClient;
  private final Duration requestTimeout;
  private Duration rolloutDeadline = Duration.ofMinutes(10);
  private UnaryOperator<OperatorSettings> settingsEdit = UnaryOperator.identity();
  private Operator operator;

  private OperatorHarness(KubeSim sim, Duration requestTimeout) {
    this.sim = sim;
    this.user = sim.newClient();
    this.requestTimeout = requestTimeout;
  }

  static OperatorHarness start() {
    return start(crd -> { });
  }

  /** @param crdEdit changes each CRD before it is installed, e.g. a looser schema an older CRD would have */
  static OperatorHarness start(Consumer<CustomResourceDefinition> crdEdit) {
    return start(crdEdit, UnaryOperator.identity());
  }

  /** @param settingsEdit changes the operator's settings, e.g. a real dependency probe instead of the stub */
  static OperatorHarness start(Consumer<CustomResourceDefinition> crdEdit, UnaryOperator<OperatorSettings> settingsEdit) {
    return start(crdEdit, settingsEdit, REQUEST_TIMEOUT);
  }

  /** @param requestTimeout how long the operator waits for each answer (stories of a silent API server shorten it) */
  static OperatorHarness start(Duration requestTimeout) {
    return start(crd -> { }, UnaryOperator.identity(), requestTimeout);
  }

  private static OperatorHarness start(Consumer<CustomResourceDefinition> crdEdit,
      UnaryOperator<OperatorSettings> settingsEdit, Duration requestTimeout) {
    OperatorHarness harness = new OperatorHarness(KubeSim.start(), requestTimeout);
    harness.settingsEdit = settingsEdit;
    harness.installCrds(crdEdit);
    harness.startOperator();
    return harness;
  }

  void startOperator() {
    operatorClient = sim.newClient(OPERATOR, operatorCalls, requestTimeout);
    OperatorSettings settings = OperatorSettings.standard()
        .withProbe((what, endpoints) -> new DependencyHealth(true, "External " + what + " reachable (test)"))
        .withRolloutDeadline(rolloutDeadline);
    operator = MilvusOperator.create(operatorClient, settingsEdit.apply(settings), Set.of(), RESYNC);
    operator.start();
  }

  /** Restarts the operator with a shorter stall deadline, for stories about stuck rollouts. */
  void restartWithRolloutDeadline(Duration deadline) {
    stopOperator();
    rolloutDeadline = deadline;
    startOperator();
  }

  void stopOperator() {
    operator.stop();
    operatorClient.close();
  }

  /** The user's client, working in namespace default. */
  NamespacedKubernetesClient ns() {
    return user.adapt(NamespacedKubernetesClient.class).inNamespace("default");
  }

  Milvus create(String yaml) {
    return user.resource(TestMilvus.parse(yaml)).create();
  }

  Milvus get(String name) {
    return user.resources(Milvus.class).inNamespace("default").withName(name).get();
  }

  Milvus awaitStatus(String name, String status) {
    try {
      await().atMost(PATIENCE).until(() -> {
        Milvus m = get(name);
        return m != null && m.getStatus() != null && status.equals(m.getStatus().getStatus());
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Milvus " + name + " did not become " + status + "; its status: "
          + Serialization.asYaml(get(name).getStatus()), e);
    }
    return get(name);
  }

  MilvusCondition awaitCondition(String name, String type, String status) {
    await().atMost(PATIENCE).until(() -> condition(name, type).map(c -> status.equals(c.getStatus())).orElse(false));
    return condition(name, type).orElseThrow();
  }

  Optional<MilvusCondition> condition(String name, String type) {
    Milvus m = get(name);
    return m == null || m.getStatus() == null ? Optional.empty() : Conditions.find(m.getStatus().getConditions(), type);
  }

  List<Event> eventsAbout(String name) {
    return user.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()) && "Milvus".equals(e.getInvolvedObject().getKind()))
        .toList();
  }

  private void installCrds(Consumer<CustomResourceDefinition> crdEdit) {
    for (String file : List.of("milvuses.milvus.io-v1.yml", "milvusupgrades.milvus.io-v1.yml")) {
      CustomResourceDefinition crd = user.apiextensions().v1().customResourceDefinitions()
          .load(getClass().getResourceAsStream("/META-INF/fabric8/" + file)).item();
      crdEdit.accept(crd);
      user.resource(crd).create();
    }
  }

  /** As a test class's {@code @RegisterExtension}: stopped after the class's tests. */
  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    stopOperator();
    user.close();
    sim.close();
  }
}
