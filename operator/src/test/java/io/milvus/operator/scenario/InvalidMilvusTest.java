package io.milvus.operator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusCondition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user makes a mistake in a Milvus: they are told where and why, and nothing in the cluster changes. */
class InvalidMilvusTest {

  /** Story → spec (under {@code spec:}) → the field the message must name. */
  static final Map<String, String[]> MISTAKES = new LinkedHashMap<>();

  static {
    mistake("bad-mode", "mode: distributed", "spec.mode");
    mistake("bad-update-mode", "components: {imageUpdateMode: sideways}", "imageUpdateMode");
    mistake("bad-mq", "dependencies: {msgStreamType: rabbitmq}", "msgStreamType");
    mistake("bad-storage-type", "dependencies: {storage: {type: GCS}}", "storage.type");
    mistake("bad-deletion-policy", "dependencies: {etcd: {inCluster: {deletionPolicy: Forget}}}", "deletionPolicy");
    mistake("bad-service-type", "components: {standalone: {serviceType: Ingress}}", "serviceType");
    mistake("bad-pull-policy", "components: {imagePullPolicy: Sometimes}", "imagePullPolicy");
    mistake("negative-replicas", "components: {standalone: {replicas: -2}}", "replicas");
    mistake("image-with-space", "components: {image: 'milvusdb/milvus v2.4.23'}", "image");
    mistake("image-uppercase", "components: {image: 'MilvusDB/Milvus:v2.4.23'}", "image");
    mistake("image-empty-tag", "components: {image: 'milvusdb/milvus:'}", "image");
    mistake("bad-version", "components: {version: 'two point four'}", "version");
    mistake("port-too-big", "components: {standalone: {port: 70000}}", "port");
    mistake("external-etcd-no-endpoints", "dependencies: {etcd: {external: true}}", "etcd");
    mistake("external-etcd-bad-endpoint", "dependencies: {etcd: {external: true, endpoints: ['not a host']}}", "etcd");
    mistake("external-storage-no-endpoint", "dependencies: {storage: {external: true, type: S3}}", "storage");
    mistake("external-pulsar-no-endpoint", "{mode: cluster, dependencies: {pulsar: {external: true}}}", "pulsar");
    mistake("external-kafka-no-brokers", "{mode: cluster, dependencies: {msgStreamType: kafka, kafka: {external: true}}}",
        "kafka");
    mistake("cluster-on-rocksmq", "{mode: cluster, dependencies: {msgStreamType: rocksmq}}", "rocksmq");
    mistake("bad-rolling-mode", "components: {rollingMode: 7}", "rollingMode");
    mistake("group-bad-name", "{mode: cluster, components: {queryNode: {groups: [{name: 'Zone_A', replicas: 1}]}}}",
        "groups");
    mistake("group-duplicate-name",
        "{mode: cluster, components: {queryNode: {groups: [{name: a, replicas: 1}, {name: a, replicas: 1}]}}}", "groups");
    mistake("group-reserved-label",
        "{mode: cluster, components: {queryNode: {groups: [{name: a, replicas: 1, labels: {'app.kubernetes.io/name': x}}]}}}",
        "groups");
    mistake("operator-owned-config", "config: {etcd: {endpoints: ['elsewhere:2379']}}", "config");
    mistake("hpa-min-above-max",
        "{mode: cluster, components: {queryNode: {hpa: {minReplicas: 5, maxReplicas: 2}}}}", "hpa");
    mistake("bad-existing-claim",
        "dependencies: {rocksmq: {persistence: {persistentVolumeClaim: {existingClaim: 'Not_A_Name'}}}}", "existingClaim");
    mistake("bad-target-port-type", "components: {targetPortType: float}", "targetPortType");
  }

  /** Started for this class's tests, stopped after them. */
  @RegisterExtension
  static final OperatorHarness cluster = OperatorHarness.start();

  /**
   * A mistake the CRD's schema or CEL rules catch is refused by the API server (422, naming the field, as kubectl
   * prints it) and never stored; the others are stored and explained by the operator in SpecValid.
   */
  @Test
  void everyMistakeIsExplainedOnTheRightFieldAndCreatesNothing() {
    assertThat(MISTAKES).hasSizeGreaterThanOrEqualTo(25);
    Map<String, String[]> stored = new LinkedHashMap<>();
    SoftAssertions softly = new SoftAssertions();
    MISTAKES.forEach((name, mistake) -> {
      try {
        cluster.user.resource(TestMilvus.withSpec(name, mistake[0])).create();
        stored.put(name, mistake);
      } catch (KubernetesClientException refused) {
        softly.assertThat(refused.getCode()).as(name + ": " + refused.getMessage()).isEqualTo(422);
        softly.assertThat(refused.getStatus().getMessage()).as(name).contains("Milvus.milvus.io \"" + name + "\" is invalid")
            .contains(mistake[1]);
      }
    });
    assertThat(stored).as("mistakes only the operator can see").hasSizeGreaterThanOrEqualTo(10);

    await().atMost(OperatorHarness.PATIENCE).until(() ->
        stored.keySet().stream().allMatch(name -> cluster.condition(name, "SpecValid").isPresent()));
    stored.forEach((name, mistake) -> {
      MilvusCondition valid = cluster.condition(name, "SpecValid").orElseThrow();
      softly.assertThat(valid.getStatus()).as(name + ": " + valid.getMessage()).isEqualTo("False");
      softly.assertThat(valid.getReason()).as(name).isEqualTo("InvalidSpec");
      softly.assertThat(valid.getMessage()).as(name).contains(mistake[1]);
      softly.assertThat(cluster.eventsAbout(name)).as(name).extracting(e -> e.getReason()).contains("InvalidSpec");
    });
    softly.assertAll();
    for (String name : MISTAKES.keySet()) {
      assertThat(objectsOf(name)).as("objects made for " + name).isEmpty();
    }
  }

  @Test
  void aMistakeInARunningMilvusChangesNothingThatRuns() {
    cluster.create(TestMilvus.SEED.replace("my-release", "running"));
    cluster.awaitStatus("running", "Healthy");
    Deployment before = standalone();

    cluster.user.resources(Milvus.class).inNamespace("default").withName("running").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"components\":{\"image\":\"milvusdb/milvus:\"}}}");

    MilvusCondition valid = cluster.awaitCondition("running", "SpecValid", "False");
    assertThat(valid.getMessage()).contains("image");
    Deployment after = standalone();
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(cluster.get("running").getStatus().getStatus()).isEqualTo("Healthy");

    cluster.user.resources(Milvus.class).inNamespace("default").withName("running").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"components\":{\"image\":\"milvusdb/milvus:v2.4.23\"}}}");
    cluster.awaitCondition("running", "SpecValid", "True");
  }

  private static Deployment standalone() {
    return cluster.user.apps().deployments().inNamespace("default").withName("running-milvus-standalone").get();
  }

  private static List<String> objectsOf(String name) {
    var ns = cluster.ns();
    Map<String, String> labels = Map.of("app.kubernetes.io/instance", name);
    return Stream.of(
            ns.configMaps().withLabels(labels).list().getItems(),
            ns.services().withLabels(labels).list().getItems(),
            ns.secrets().withLabels(labels).list().getItems(),
            ns.persistentVolumeClaims().withLabels(labels).list().getItems(),
            ns.apps().statefulSets().withLabels(labels).list().getItems(),
            ns.apps().deployments().withLabels(labels).list().getItems())
        .flatMap(List::stream)
        .map(o -> o.getKind() + "/" + o.getMetadata().getName())
        .toList();
  }

  private static void mistake(String name, String spec, String field) {
    MISTAKES.put(name, new String[] {spec, field});
  }
}
