package io.milvus.operator.scenario;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.cli.MilvusOperator;
import io.milvus.operator.kubesim.ApiCallLog;
import io.milvus.operator.kubesim.JobBehaviour;
import io.milvus.operator.kubesim.KubeSim;
import io.milvus.operator.reconcile.OperatorSettings;
import io.milvus.operator.status.ObservedState.DependencyHealth;
import io.milvus.operator.upgrade.TaskResources;
import io.milvus.operator.upgrade.UpgradeSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The real operator (both reconcilers) against kube-sim, for MilvusUpgrade stories: a short etcd session wait and a
 * long resync, so every step must be driven by an event (or a timed wait the upgrade asked for), never by the resync.
 */
final class UpgradeHarness implements AutoCloseable, AfterAllCallback {

  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final Duration SESSION_EXPIRY = Duration.ofMillis(500);
  /** Longer than any story: a step that waits for it is a missing event. */
  static final Duration RESYNC = Duration.ofMinutes(5);
  static final String TOOL = "milvusdb/meta-migration:test";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  final KubeSim sim;
  final KubernetesClient user;
  final ScriptedTool tool = new ScriptedTool();
  final ApiCallLog operatorCalls = new ApiCallLog();
  /** The operator's clock: a story jumps it past a deadline rather than wait. */
  final AdjustableClock clock = new AdjustableClock();
  private final UpgradeSettings upgradeSettings;
  private Duration requestTimeout = OperatorHarness.REQUEST_TIMEOUT;
  private KubernetesClient operatorClient;
  private Operator operator;

  private UpgradeHarness(UpgradeSettings upgradeSettings) {
    this.sim = KubeSim.start();
    this.user = sim.newClient();
    this.upgradeSettings = upgradeSettings;
    for (String crd : List.of("milvuses.milvus.io-v1.yml", "milvusupgrades.milvus.io-v1.yml")) {
      user.apiextensions().v1().customResourceDefinitions()
          .load(getClass().getResourceAsStream("/META-INF/fabric8/" + crd)).create();
    }
    sim.scripts().forJobImagePrefix(TOOL, JobBehaviour.run(tool));
  }

  static UpgradeHarness start(Duration healthyDeadline) {
    return start(healthyDeadline, SESSION_EXPIRY);
  }

  /**
   * @param sessionExpiry how long a stopped Milvus waits for its etcd sessions: stories that act while an upgrade
   *     stops Milvus make it longer
   */
  static UpgradeHarness start(Duration healthyDeadline, Duration sessionExpiry) {
    UpgradeHarness harness = new UpgradeHarness(UpgradeSettings.standard().withToolImage(TOOL)
        .withSessionExpiry(sessionExpiry).withHealthyDeadline(healthyDeadline));
    harness.startOperator();
    return harness;
  }

  /** Like {@link #start(Duration, Duration)}, the operator waiting at most {@code requestTimeout} for each answer. */
  static UpgradeHarness start(Duration healthyDeadline, Duration sessionExpiry, Duration requestTimeout) {
    UpgradeHarness harness = new UpgradeHarness(UpgradeSettings.standard().withToolImage(TOOL)
        .withSessionExpiry(sessionExpiry).withHealthyDeadline(healthyDeadline));
    harness.requestTimeout = requestTimeout;
    harness.startOperator();
    return harness;
  }

  /** kube-sim with the CRDs and the scripted tool, for stories that start their own operators. */
  static UpgradeHarness withoutOperator(Duration healthyDeadline, Duration sessionExpiry) {
    return new UpgradeHarness(UpgradeSettings.standard().withToolImage(TOOL).withSessionExpiry(sessionExpiry)
        .withHealthyDeadline(healthyDeadline));
  }

  /** What the operators of these stories run with: dependencies reachable, this harness's upgrade settings. */
  OperatorSettings operatorSettings() {
    return OperatorSettings.standard()
        .withProbe((what, endpoints) -> new DependencyHealth(true, "reachable (test)"))
        .withUpgrade(upgradeSettings)
        .withClock(clock);
  }

  void startOperator() {
    operatorClient = sim.newClient(OperatorHarness.OPERATOR, operatorCalls, requestTimeout);
    operator = MilvusOperator.create(operatorClient, operatorSettings(), Set.of(), RESYNC);
    operator.start();
  }

  void stopOperator() {
    if (operator != null) {
      operator.stop();
      operatorClient.close();
    }
  }

  void restartOperator() {
    stopOperator();
    startOperator();
  }

  Milvus createMilvus(String yaml) {
    return user.resource(TestMilvus.parse(yaml)).create();
  }

  /** A standalone Milvus on {@code image} with its own etcd and MinIO, as the seed deploys it, once healthy. */
  Milvus healthyStandaloneInCluster(String name, String image) {
    createMilvus("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: %s
        spec:
          components:
            image: %s
        """.formatted(name, image));
    return awaitHealthyOn(name, image);
  }

  /** A standalone Milvus on {@code image} with external etcd and storage (quicker to start), once healthy. */
  Milvus healthyStandalone(String name, String image) {
    createMilvus("""
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: %s
        spec:
          components:
            image: %s
          dependencies:
            etcd: {external: true, endpoints: ["etcd.example:2379"]}
            storage: {external: true, type: S3, endpoint: "s3.example:443"}
        """.formatted(name, image));
    return awaitHealthyOn(name, image);
  }

  Milvus awaitHealthyOn(String name, String image) {
    return awaitMilvus(name, m -> m.getStatus() != null && "Healthy".equals(m.getStatus().getStatus())
        && image.equals(m.getStatus().getCurrentImage()), "Healthy on " + image);
  }

  MilvusUpgrade createUpgrade(String yaml) {
    MilvusUpgrade upgrade = JSON.unmarshal(yaml, MilvusUpgrade.class);
    if (upgrade.getMetadata().getNamespace() == null) {
      upgrade.getMetadata().setNamespace("default");
    }
    return user.resource(upgrade).create();
  }

  /** The seed's MilvusUpgrade, for Milvus {@code milvus}, with the test tool image. */
  MilvusUpgrade createUpgrade(String name, String milvus, String source, String target, String extraSpec) {
    return createUpgrade("""
        apiVersion: milvus.io/v1beta1
        kind: MilvusUpgrade
        metadata:
          name: %s
        spec:
          milvus:
            namespace: default
            name: %s
          sourceVersion: "%s"
          targetVersion: "%s"
        %s""".formatted(name, milvus, source, target, extraSpec.stripIndent().indent(2)));
  }

  MilvusUpgrade upgrade(String name) {
    return user.resources(MilvusUpgrade.class).inNamespace("default").withName(name).get();
  }

  Milvus milvus(String name) {
    return user.resources(Milvus.class).inNamespace("default").withName(name).get();
  }

  /**
   * Labels the Milvus, as {@code kubectl label} does: an event, so the operator looks at its upgrades again. After
   * {@code clock.advance} nothing else would wake it before the wait it last computed (in real time) is over.
   */
  void nudge(String milvus) {
    user.resources(Milvus.class).inNamespace("default").withName(milvus).patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"labels\":{\"test/nudged-at\":\"" + System.nanoTime() + "\"}}}");
  }

  MilvusUpgrade awaitState(String name, String state) {
    try {
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
        MilvusUpgrade u = upgrade(name);
        return u != null && u.getStatus() != null && state.equals(u.getStatus().getState());
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("MilvusUpgrade " + name + " did not reach " + state + "; its status: "
          + JSON.asYaml(upgrade(name).getStatus()), e);
    }
    return upgrade(name);
  }

  Milvus awaitMilvus(String name, java.util.function.Predicate<Milvus> condition, String what) {
    try {
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
        Milvus m = milvus(name);
        return m != null && condition.test(m);
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("Milvus " + name + " did not become " + what + "; its status: "
          + JSON.asYaml(milvus(name).getStatus()), e);
    }
    return milvus(name);
  }

  List<Job> jobsOf(String upgrade) {
    return user.batch().v1().jobs().inNamespace("default").withLabel(TaskResources.UPGRADE_LABEL, upgrade).list()
        .getItems();
  }

  /** Events are written after the status that announces them: stories wait for them. */
  void awaitEvents(String kind, String name, java.util.function.Consumer<List<Event>> assertion) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertion.accept(eventsAbout(kind, name)));
  }

  List<Event> eventsAbout(String kind, String name) {
    return user.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()) && kind.equals(e.getInvolvedObject().getKind()))
        .toList();
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
