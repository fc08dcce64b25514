package io.milvus.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.TestMilvus;
import io.milvus.operator.adopt.SpecRevision;
import io.milvus.operator.api.IgnoredFields;
import io.milvus.operator.api.MilvusDefaults;
import io.milvus.operator.api.MilvusValidator;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.api.ValidationProblem;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.render.BuiltInQueue;
import io.milvus.operator.render.ClusterFacts;
import io.milvus.operator.render.DesiredState;
import io.milvus.operator.render.InClusterDependency;
import io.milvus.operator.render.InClusterValues;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.MilvusRenderer;
import io.milvus.operator.render.RenderContext;
import io.milvus.operator.rollout.RollingDecision;
import io.milvus.operator.rollout.RolloutPlan;
import io.milvus.operator.rollout.RolloutPlanner;
import io.milvus.operator.status.MilvusStatusCalculator;
import io.milvus.operator.status.ObservedState;
import io.milvus.operator.rollout.UpgradePaths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * status.ignoredFields as a fact, not a list: every field of the spec (found by walking the model, so a new field
 * cannot be forgotten) is set to a value other than its default on a Milvus where it could matter, and the operator's
 * output with and without it is compared: the objects it renders (at rest and in the middle of a rollout), the rollout
 * plan, the status and what deleting the Milvus deletes. A field that changes nothing must be listed in
 * ignoredFields; a listed field must change nothing. Free-form {@code inCluster.values} are checked key by key, from
 * the keys {@link InClusterValues} says it acts on and a few it does not.
 */
class IgnoredFieldsFactTest {

  private static final ObjectMapper MODEL = new ObjectMapper();
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final String MODEL_PACKAGE = MilvusSpec.class.getPackageName();
  private static final String REFUSED = "refused: ";
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  /** Facts a cluster may tell, all present, so that a field that depends on one shows its effect. */
  private static final ClusterFacts CLUSTER = new ClusterFacts(true, true);

  private static final String STANDALONE = """
      components: {image: "milvusdb/milvus:v2.5.16"}
      """;
  private static final String CLUSTER_MIXCOORD = """
      mode: cluster
      components: {image: "milvusdb/milvus:v2.5.16", mixCoord: {}}
      """;
  private static final String CLUSTER_COORDINATORS = """
      mode: cluster
      components: {image: "milvusdb/milvus:v2.5.16", rootCoord: {}, dataCoord: {}, queryCoord: {}, indexCoord: {}}
      """;
  private static final String CLUSTER_26 = """
      mode: cluster
      components: {image: "milvusdb/milvus:v2.6.11", cdc: {}}
      """;

  /** The Milvus a field is probed on: the first whose path prefix matches. */
  private static final List<Map.Entry<String, String>> CONTEXTS = List.of(
      Map.entry("components.standalone", STANDALONE),
      Map.entry("components.rootCoord", CLUSTER_COORDINATORS),
      Map.entry("components.dataCoord", CLUSTER_COORDINATORS),
      Map.entry("components.queryCoord", CLUSTER_COORDINATORS),
      Map.entry("components.indexCoord", CLUSTER_COORDINATORS),
      Map.entry("components.streamingNode", CLUSTER_26),
      Map.entry("components.cdc", CLUSTER_26),
      Map.entry("components.streamingMode", CLUSTER_MIXCOORD),
      Map.entry("components.proxy.ingress", CLUSTER_MIXCOORD
          .replace("mixCoord: {}", "mixCoord: {}, proxy: {ingress: {hosts: [milvus.example.com]}}")),
      Map.entry("components.", CLUSTER_MIXCOORD),
      Map.entry("dependencies.etcd.endpoints", STANDALONE + "dependencies: {etcd: {external: true, endpoints: [e:2379]}}"),
      Map.entry("dependencies.storage.ssl", STANDALONE
          + "dependencies: {storage: {external: true, type: S3, endpoint: 's3:443', ssl: {enabled: true}}}"),
      Map.entry("dependencies.storage.endpoint", STANDALONE
          + "dependencies: {storage: {external: true, type: S3, endpoint: 's3:443'}}"),
      Map.entry("dependencies.storage.type", STANDALONE
          + "dependencies: {storage: {external: true, type: S3, endpoint: 's3:443'}}"),
      Map.entry("dependencies.pulsar.endpoint", CLUSTER_MIXCOORD
          + "dependencies: {pulsar: {external: true, endpoint: 'pulsar://p:6650'}}"),
      Map.entry("dependencies.pulsar", CLUSTER_MIXCOORD + "dependencies: {msgStreamType: pulsar}"),
      Map.entry("dependencies.kafka.brokerList", CLUSTER_MIXCOORD
          + "dependencies: {msgStreamType: kafka, kafka: {external: true, brokerList: [k:9092]}}"),
      Map.entry("dependencies.kafka.secretRef", CLUSTER_MIXCOORD
          + "dependencies: {msgStreamType: kafka, kafka: {external: true, brokerList: [k:9092]}}"),
      Map.entry("dependencies.kafka", CLUSTER_MIXCOORD + "dependencies: {msgStreamType: kafka}"),
      Map.entry("dependencies.woodpecker.quorumBufferPools", CLUSTER_26 + "dependencies: {msgStreamType: woodpecker, "
          + "woodpecker: {external: true, quorumBufferPools: [{name: base, seeds: ['wp:18080']}]}}"),
      Map.entry("dependencies.woodpecker", STANDALONE.replace("v2.5.16", "v2.6.11")
          + "dependencies: {msgStreamType: woodpecker}"),
      Map.entry("dependencies.natsmq", STANDALONE + "dependencies: {msgStreamType: natsmq}"),
      Map.entry("dependencies.customMsgStream", CLUSTER_MIXCOORD + "dependencies: {msgStreamType: custom}"),
      Map.entry("dependencies.tei", CLUSTER_26),
      Map.entry("", STANDALONE));

  /**
   * Values other than the default, by path ({@code *} is any component) or by the field's name. Booleans need none:
   * they are probed with the opposite of their default. A field missing here fails the test, so add it.
   */
  private static final Map<String, List<Object>> VALUES = values();

  private static Map<String, List<Object>> values() {
    Map<String, List<Object>> v = new LinkedHashMap<>();
    v.put("mode", List.of("cluster"));
    v.put("config", List.of(Map.of("common", Map.of("retentionDuration", 3600))));
    v.put("hookConfig", List.of(Map.of("queryNode", Map.of("cache", 1))));
    v.put("components.image", List.of("milvusdb/milvus:v2.5.17"));
    v.put("components.*.image", List.of("milvusdb/milvus:v2.5.17"));
    v.put("components.version", List.of("v2.6.11"));
    v.put("components.*.version", List.of("v2.5.17"));
    v.put("components.cdc.version", List.of("v2.6.12"));
    v.put("components.cdc.image", List.of("milvusdb/milvus:v2.6.12"));
    v.put("components.streamingNode.version", List.of("v2.6.12"));
    v.put("components.streamingNode.image", List.of("milvusdb/milvus:v2.6.12"));
    v.put("commands", List.of(List.of("milvus", "run", "mixture", "-rootcoord")));
    v.put("imagePullPolicy", List.of("Always"));
    v.put("imagePullSecrets", List.of(List.of(Map.of("name", "registry"))));
    v.put("env", List.of(List.of(Map.of("name", "PROBE", "value", "1"))));
    v.put("schedulerName", List.of("probe-scheduler"));
    v.put("nodeSelector", List.of(Map.of("disk", "ssd")));
    v.put("affinity", List.of(Map.of("nodeAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution",
        Map.of("nodeSelectorTerms", List.of(Map.of("matchExpressions",
            List.of(Map.of("key", "zone", "operator", "In", "values", List.of("a"))))))))));
    v.put("tolerations", List.of(List.of(Map.of("key", "gpu", "operator", "Exists"))));
    v.put("topologySpreadConstraints", List.of(List.of(Map.of("maxSkew", 1, "topologyKey", "zone",
        "whenUnsatisfiable", "DoNotSchedule"))));
    v.put("resources", List.of(Map.of("limits", Map.of("memory", "8Gi"))));
    v.put("volumeMounts", List.of(List.of(Map.of("name", "extra", "mountPath", "/extra"))));
    v.put("volumes", List.of(List.of(Map.of("name", "extra", "emptyDir", Map.of()))));
    v.put("serviceAccountName", List.of("milvus-sa"));
    v.put("priorityClassName", List.of("high"));
    v.put("dnsPolicy", List.of("Default"));
    v.put("probes", List.of(Map.of("readinessProbe", Map.of("tcpSocket", Map.of("port", 19530)))));
    v.put("securityContext", List.of(Map.of("runAsUser", 2000)));
    v.put("podLabels", List.of(Map.of("team", "search")));
    v.put("podAnnotations", List.of(Map.of("owner", "search")));
    v.put("replicas", List.of(2));
    v.put("hpa.minReplicas", List.of(2));
    v.put("hpa.maxReplicas", List.of(5));
    v.put("hpa.metrics", List.of(List.of(Map.of("type", "Resource",
        "resource", Map.of("name", "cpu", "target", Map.of("type", "Utilization", "averageUtilization", 60))))));
    v.put("hpa.behavior", List.of(Map.of("scaleDown", Map.of("stabilizationWindowSeconds", 60))));
    v.put("sidecars", List.of(List.of(Map.of("name", "proxy-sidecar", "image", "busybox:1"))));
    v.put("initContainers", List.of(List.of(Map.of("name", "warm-up", "image", "busybox:1"))));
    v.put("groups", List.of(List.of(Map.of("name", "zone-a", "replicas", 1))));
    v.put("statefulSet.volumeClaimTemplates", List.of(List.of(Map.of("metadata", Map.of("name", "disk"),
        "spec", Map.of("resources", Map.of("requests", Map.of("storage", "1Gi")))))));
    v.put("serviceType", List.of("NodePort"));
    v.put("port", List.of(19531));
    v.put("serviceRestfulPort", List.of(8080));
    v.put("serviceLabels", List.of(Map.of("exposed", "yes")));
    v.put("serviceAnnotations", List.of(Map.of("lb", "internal")));
    v.put("ingress.hosts", List.of(List.of("other.example.com")));
    v.put("ingress.ingressClassName", List.of("nginx"));
    v.put("ingress.labels", List.of(Map.of("edge", "yes")));
    v.put("ingress.annotations", List.of(Map.of("nginx.ingress.kubernetes.io/backend-protocol", "GRPC")));
    v.put("ingress.tlsSecretRefs", List.of(Map.of("milvus-tls", List.of("milvus.example.com"))));
    v.put("components.targetPortType", List.of("integer"));
    v.put("components.imageUpdateMode", List.of("all", "force", "rollingDowngrade"));
    v.put("components.metricInterval", List.of("15s"));
    v.put("components.metricLabels", List.of(Map.of("cluster", "prod")));
    v.put("components.toolImage", List.of("milvusdb/milvus-operator:v1.3.8"));
    v.put("components.dummyImage", List.of("busybox:1"));
    v.put("components.rollingMode", List.of(3));
    v.put("components.activeConfigMap", List.of("other-config"));
    v.put("dependencies.msgStreamType", List.of("rocksmq", "natsmq", "pulsar", "kafka", "woodpecker", "custom"));
    v.put("endpoints", List.of(List.of("other:2379")));
    v.put("dependencies.etcd.inCluster.chartVersion", List.of("etcd-v6"));
    v.put("dependencies.pulsar.inCluster.chartVersion", List.of("pulsar-v2"));
    v.put("dependencies.kafka.inCluster.chartVersion", List.of("kafka-v15"));
    v.put("dependencies.storage.inCluster.chartVersion", List.of("minio-v8"));
    v.put("dependencies.tei.inCluster.chartVersion", List.of("tei-v1"));
    v.put("deletionPolicy", List.of("Retain"));
    v.put("dependencies.storage.type", List.of("Azure"));
    v.put("dependencies.storage.secretRef", List.of("storage-keys"));
    v.put("dependencies.storage.endpoint", List.of("other:443"));
    v.put("dependencies.storage.ssl.caCertificateRef", List.of("ca"));
    v.put("dependencies.pulsar.endpoint", List.of("pulsar://other:6650"));
    v.put("dependencies.kafka.brokerList", List.of(List.of("other:9092")));
    v.put("dependencies.kafka.secretRef", List.of("kafka-client"));
    v.put("quorumBufferPools", List.of(List.of(Map.of("name", "pool", "seeds", List.of("wp-0:8080")))));
    v.put("persistence.persistentVolumeClaim.existingClaim", List.of("my-claim"));
    v.put("persistence.persistentVolumeClaim.labels", List.of(Map.of("backup", "yes")));
    v.put("persistence.persistentVolumeClaim.annotations", List.of(Map.of("backup", "yes")));
    v.put("persistence.persistentVolumeClaim.spec", List.of(Map.of("storageClassName", "fast")));
    v.put("customMsgStream", List.of(Map.of("address", "mq:1234")));
    v.put("tei.inCluster.chartVersion", List.of("1.6.0"));
    v.put("tei.inCluster.deletionPolicy", List.of("Retain"));
    return v;
  }

  /**
   * Free-form values, checked key by key: for each key pattern acted on, the key (or the subtree that makes it mean
   * something) and a value.
   */
  private static final Map<String, Map.Entry<String, Object>> VALUE_SAMPLES = Map.ofEntries(
      sample("image.repository", "mirror.example.com/image"),
      sample("image.tag", "probe"),
      sample("persistence.size", "33Gi"),
      sample("persistence.storageClass", "fast"),
      Map.entry("resources.**", Map.entry("resources", Map.of("limits", Map.of("memory", "3Gi")))),
      sample("replicaCount", 5),
      sample("components.zookeeper", false),
      sample("components.bookkeeper", false),
      sample("components.broker", false),
      sample("components.proxy", false),
      sample("components.autorecovery", false),
      Map.entry("*.replicaCount", Map.entry("broker.replicaCount", 4)),
      Map.entry("*.resources.**", Map.entry("broker.resources", Map.of("requests", Map.of("memory", "3Gi")))),
      Map.entry("*.configData.**", Map.entry("broker.configData", Map.of("maxMessageSize", "10485760"))),
      Map.entry("images.*.repository", Map.entry("images.broker.repository", "mirror.example.com/pulsar")),
      Map.entry("images.*.tag", Map.entry("images.broker.tag", "3.0.99")),
      Map.entry("images.*.pullPolicy", Map.entry("images.broker.pullPolicy", "Always")),
      sample("defaultPulsarImageTag", "3.0.99"),
      sample("persistence", false),
      sample("volumes.persistence", false),
      Map.entry("*.volumes.persistence", Map.entry("bookkeeper.volumes.persistence", false)),
      Map.entry("*.volumes.*.size", Map.entry("bookkeeper.volumes.journal.size", "33Gi")),
      Map.entry("*.volumes.*.storageClassName", Map.entry("bookkeeper.volumes.journal.storageClassName", "fast")),
      sample("auth.authentication.enabled", true),
      Map.entry("auth.authentication.provider", Map.entry("auth.authentication",
          Map.of("enabled", true, "provider", "jwt"))),
      Map.entry("auth.authentication.jwt.usingSecretKey", Map.entry("auth.authentication",
          Map.of("enabled", true, "provider", "jwt", "jwt", Map.of("usingSecretKey", true)))),
      Map.entry("auth.authorization.enabled", Map.entry("auth", Map.of("authorization", Map.of("enabled", true),
          "authentication", Map.of("enabled", true, "provider", "jwt")))),
      Map.entry("auth.superUsers.*", Map.entry("auth", Map.of("superUsers", Map.of("broker", "milvus"),
          "authentication", Map.of("enabled", true, "provider", "jwt")))),
      // MinIO's layout
      sample("mode", "distributed"),
      sample("replicas", 4),
      sample("drivesPerNode", 2),
      sample("zones", 2),
      // Kafka's brokers: a protocol or mechanism that cannot be set up is refused, which is acting on it
      sample("persistence.enabled", false),
      sample("listeners.client.name", "APPS"),
      sample("listeners.client.containerPort", 9095),
      whole("listeners.client.protocol", saslClients("u1", "p1")),
      sample("listeners.interbroker.name", "BROKERS"),
      sample("listeners.interbroker.containerPort", 9096),
      sample("listeners.interbroker.protocol", "SASL_PLAINTEXT"),
      sample("listeners.controller.name", "VOTERS"),
      sample("listeners.controller.containerPort", 9097),
      sample("listeners.controller.protocol", "SASL_PLAINTEXT"),
      whole("sasl.enabledMechanisms", Map.of("listeners", Map.of("client", Map.of("protocol", "SASL_PLAINTEXT")),
          "sasl", Map.of("enabledMechanisms", List.of("SCRAM-SHA-512"), "client", Map.of("users", List.of("u1"),
              "passwords", List.of("p1"))))),
      whole("sasl.client.users", saslClients("milvus", "p1")),
      whole("sasl.client.passwords", saslClients("u1", "secret")),
      whole("sasl.existingSecret", Map.of("listeners", Map.of("client", Map.of("protocol", "SASL_PLAINTEXT")),
          "sasl", Map.of("client", Map.of("users", List.of("u1")), "existingSecret", "kafka-users"))),
      sample("auth.clientProtocol", "sasl"),
      sample("auth.interBrokerProtocol", "sasl"),
      Map.entry("auth.sasl.mechanisms", Map.entry("auth", Map.of("clientProtocol", "sasl", "sasl", Map.of(
          "mechanisms", "scram-sha-512", "jaas", Map.of("clientUsers", List.of("u1"), "clientPasswords",
              List.of("p1")))))),
      Map.entry("auth.sasl.jaas.clientUsers", Map.entry("auth", jaasClients(Map.of("clientUsers", List.of("milvus"),
          "clientPasswords", List.of("p1"))))),
      Map.entry("auth.sasl.jaas.clientPasswords", Map.entry("auth", jaasClients(Map.of("clientUsers", List.of("u1"),
          "clientPasswords", List.of("secret"))))),
      Map.entry("auth.sasl.jaas.existingSecret", Map.entry("auth", jaasClients(Map.of("clientUsers", List.of("u1"),
          "existingSecret", "kafka-users")))));

  /** The whole values, for a key that means something only beside others. */
  private static Map.Entry<String, Map.Entry<String, Object>> whole(String key, Map<String, Object> values) {
    return Map.entry(key, Map.entry("", values));
  }

  private static Map<String, Object> saslClients(String user, String password) {
    return Map.of("listeners", Map.of("client", Map.of("protocol", "SASL_PLAINTEXT")),
        "sasl", Map.of("client", Map.of("users", List.of(user), "passwords", List.of(password))));
  }

  private static Map<String, Object> jaasClients(Map<String, Object> jaas) {
    return Map.of("clientProtocol", "sasl", "sasl", Map.of("jaas", jaas));
  }

  private static Map.Entry<String, Map.Entry<String, Object>> sample(String key, Object value) {
    return Map.entry(key, Map.entry(key, value));
  }

  /** Keys of upstream's charts that nothing here acts on. */
  private static final List<String> KEYS_NOT_ACTED_ON = List.of("podAnnotations.probe", "metrics.enabled",
      "auth.rbac.create", "nodeSelector.disk");

  @Test
  @DisplayName("a field changes the output if and only if it is not listed in ignoredFields")
  void everyFieldOfTheSpec() {
    List<String> wrong = new ArrayList<>();
    List<String> noValue = new ArrayList<>();
    for (String path : leaves(MODEL.constructType(MilvusSpec.class), "")) {
      if (path.endsWith(".inCluster.values")) {
        continue; // free-form: checked key by key below
      }
      List<Object> probes = probeValues(path);
      if (probes == null) {
        noValue.add(path);
        continue;
      }
      for (Object value : probes) {
        check(path, value, wrong);
      }
    }
    assertThat(noValue).as("fields with no probe value: add one to VALUES").isEmpty();
    assertThat(wrong).as("ignoredFields disagrees with what the operator does").isEmpty();
  }

  @Test
  @DisplayName("each key of an in-cluster dependency's values changes the output if and only if it is not listed")
  void everyKeyOfInClusterValues() {
    Map<String, String> dependencies = Map.of(
        "etcd", STANDALONE, "storage", STANDALONE,
        "kafka", CLUSTER_MIXCOORD + "dependencies: {msgStreamType: kafka}",
        "pulsar", CLUSTER_MIXCOORD + "dependencies: {msgStreamType: pulsar}");
    List<String> wrong = new ArrayList<>();
    for (var dependency : dependencies.entrySet()) {
      List<String> keys = new ArrayList<>(KEYS_NOT_ACTED_ON);
      InClusterValues.patterns(dependency.getKey()).forEach(p -> keys.add(p));
      for (String key : keys) {
        Map.Entry<String, Object> sample = KEYS_NOT_ACTED_ON.contains(key) ? Map.entry(key, "probe")
            : VALUE_SAMPLES.get(key);
        assertThat(sample).as("a sample for the %s values key %s: add it to VALUE_SAMPLES", dependency.getKey(), key)
            .isNotNull();
        Map<String, Object> values = nested(sample.getKey(), sample.getValue());
        String path = "dependencies." + dependency.getKey() + ".inCluster.values";
        check(dependency.getValue(), path, values, "spec." + path + "." + sample.getKey(), wrong);
      }
    }
    assertThat(wrong).as("ignoredFields disagrees with what the operator does with inCluster.values").isEmpty();
  }

  private void check(String path, Object value, List<String> wrong) {
    check(baseFor(path), path, value, "spec." + path, wrong);
  }

  /** @param reported the path ignoredFields would name for this probe */
  private static void check(String baseYaml, String path, Object value, String reported, List<String> wrong) {
    Milvus base = TestMilvus.withSpec("probe", baseYaml);
    Map<String, Object> tree = JSON.convertValue(base.getSpec(), Map.class);
    Object current = get(tree, path);
    Object defaulted = defaulted(base, path);
    if (value instanceof Boolean) {
      value = !Boolean.TRUE.equals(defaulted);
    }
    if (value.equals(current) || value.equals(defaulted)) {
      return; // what the base has, or its default: not a probe
    }
    put(tree, path, value);
    PREREQUISITES.forEach((pattern, extra) -> {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(pattern).matcher(path);
      if (m.matches() && get(tree, m.replaceFirst(extra.getKey())) == null) {
        put(tree, m.replaceFirst(extra.getKey()), extra.getValue());
      }
    });
    Milvus probed = TestMilvus.withSpec("probe", JSON.asYaml(tree).replaceFirst("^---\\n", ""));
    String before = BASE_OUTPUTS.computeIfAbsent(baseYaml, yaml -> output(base));
    String after = output(probed);
    if (before.startsWith(REFUSED)) {
      wrong.add(reported + ": the Milvus it is probed on is refused, fix its context: " + before);
      return;
    }
    if (after.startsWith(REFUSED) && (REFUSED_WHERE_THEY_ARE.contains(path) || path.contains(".inCluster.values"))) {
      return; // refused with the reason: acted on, and nothing else is done
    }
    if (after.startsWith(REFUSED)) {
      wrong.add(reported + " = " + value + ": the probe is refused, give a valid value or context: " + after);
      return;
    }
    boolean changes = !before.equals(after);
    List<String> ignored = ignoredFields(probed);
    boolean listed = ignored.stream().anyMatch(i -> reported.equals(i) || reported.startsWith(i + ".")
        || i.startsWith(reported + "."));
    if (changes == listed) {
      wrong.add(reported + " = " + value + (changes ? ": changes the output but is listed in ignoredFields ("
          + firstDifference(before, after) + ")" : ": changes nothing but is not listed in ignoredFields"));
    }
  }

  /** Fields that only mean something with another one set: probed with it. */
  private static final Map<String, Map.Entry<String, Object>> PREREQUISITES = Map.of(
      "(components\\.\\w+\\.hpa)\\.(minReplicas|metrics|behavior)", Map.entry("$1.maxReplicas", 5),
      "(components\\.\\w+\\.statefulSet)\\.volumeClaimTemplates", Map.entry("$1.enabled", true),
      "(components(\\.\\w+)?)\\.volumeMounts", Map.entry("$1.volumes", List.of(Map.of("name", "extra", "emptyDir", Map.of()))),
      "(dependencies\\.etcd)\\.external", Map.entry("$1.endpoints", List.of("e:2379")),
      "(dependencies\\.(pulsar|storage))\\.external", Map.entry("$1.endpoint", "ext.example.com:443"),
      "(dependencies\\.kafka)\\.external", Map.entry("$1.brokerList", List.of("k:9092")),
      "(dependencies\\.woodpecker)\\.external", Map.entry("$1.quorumBufferPools",
          List.of(Map.of("name", "pool", "seeds", List.of("wp-0:18080")))));

  /** Fields that validation refuses where they are (they belong elsewhere): refused is what they do. */
  private static final List<String> REFUSED_WHERE_THEY_ARE = List.of("dependencies.rocksmq.external",
      "dependencies.rocksmq.quorumBufferPools", "dependencies.natsmq.external", "dependencies.natsmq.quorumBufferPools",
      "components.indexNode.groups", "components.streamingNode.statefulSet.enabled",
      "components.streamingNode.statefulSet.volumeClaimTemplates");
  /** The output of each base Milvus, computed once. */
  private static final Map<String, String> BASE_OUTPUTS = new java.util.concurrent.ConcurrentHashMap<>();

  private static String firstDifference(String before, String after) {
    int i = 0;
    while (i < Math.min(before.length(), after.length()) && before.charAt(i) == after.charAt(i)) {
      i++;
    }
    return "..." + after.substring(Math.max(0, i - 60), Math.min(after.length(), i + 60)) + "...";
  }

  /** status.ignoredFields as the reconciler writes it. */
  private static List<String> ignoredFields(Milvus milvus) {
    List<String> ignored = new ArrayList<>(IgnoredFields.of(milvus.getSpec()));
    MilvusSpec spec = MilvusDefaults.apply(milvus.getSpec(), OperatorDefaults.standard());
    ignored.addAll(InClusterValues.ignored(RenderContext.of(milvus, spec, CLUSTER)));
    return ignored;
  }

  /** Everything the operator does with a Milvus, as text. */
  private static String output(Milvus milvus) {
    List<ValidationProblem> problems = MilvusValidator.validate(milvus);
    if (!problems.isEmpty()) {
      return REFUSED + problems;
    }
    MilvusSpec spec = MilvusDefaults.apply(milvus.getSpec(), OperatorDefaults.standard());
    RenderContext ctx = RenderContext.of(milvus, spec, CLUSTER);
    List<String> refusals = InClusterValues.refusals(ctx);
    if (!refusals.isEmpty()) {
      return REFUSED + refusals;
    }
    StringBuilder out = new StringBuilder();
    out.append(JSON.asJson(MilvusRenderer.render(ctx).objects()));

    // in the middle of a rollout from the previous image
    Milvus running = JSON.clone(milvus);
    running.setStatus(new MilvusStatus());
    running.getStatus().setCurrentImage(previousImage(spec.getComponents().getImage()));
    Map<MilvusComponent, Deployment> before = MilvusRenderer.render(RenderContext.of(running,
        MilvusDefaults.apply(withImage(milvus.getSpec(), running.getStatus().getCurrentImage()),
            OperatorDefaults.standard()), CLUSTER)).deployments();
    RollingDecision decision = RolloutInputs.decision(running, ctx, UpgradePaths.standard(), false);
    MilvusRenderer.UserConfig config = MilvusRenderer.UserConfig.of(ctx);
    RolloutPlan plan = RolloutPlanner.plan(RolloutInputs.plannerInput(running, ctx, config, decision, before,
        io.milvus.operator.status.LiveQueryNodes.NONE));
    DesiredState step = MilvusRenderer.render(ctx, config, plan.revisionOf(),
        new MilvusRenderer.Options(decision.force(), 600));
    out.append(plan).append(JSON.asJson(step.objects()));
    // rolling mode 2's queryNode groups, as first written (the idle group included)
    Optional.ofNullable(step.deployments().get(MilvusComponent.QUERY_NODE)).ifPresent(queryNode -> out.append(
        JSON.asJson(QueryNodeDeployments.plan(ctx, queryNode, io.milvus.operator.status.LiveQueryNodes.NONE, false, 1,
            Optional.empty()).apply())));
    MilvusStatus status = MilvusStatusCalculator.compute(running, ctx,
        new ObservedState(step.deployments(), Map.of(), List.of(), Map.of()), plan, NOW);
    out.append(JSON.asJson(status));

    // deleting it
    for (InClusterDependency dependency : InClusterDependency.of(ctx)) {
      out.append(dependency.name()).append(dependency.retained()).append(dependency.deletesVolumes());
    }
    out.append(Optional.ofNullable(BuiltInQueue.persistence(spec)).map(p -> p.getPvcDeletion()).orElse(null));
    return withoutSpecRevision(out.toString());
  }

  /**
   * The spec revision is a hash of the whole spec, so every field changes it; what a field does is seen in the rest.
   */
  private static String withoutSpecRevision(String output) {
    return output.replaceAll("specRevision=[0-9a-f]+", "specRevision=*")
        .replaceAll("(\"" + java.util.regex.Pattern.quote(SpecRevision.ANNOTATION) + "\":\")[^\"]*", "$1*");
  }

  private static String previousImage(String image) {
    return image.replaceFirst("\\.(\\d+)$", ".0");
  }

  private static MilvusSpec withImage(MilvusSpec spec, String image) {
    MilvusSpec copy = JSON.clone(spec);
    copy.getComponents().setImage(image);
    return copy;
  }

  private static Object defaulted(Milvus milvus, String path) {
    MilvusSpec spec = MilvusDefaults.apply(milvus.getSpec(), OperatorDefaults.standard());
    return get(JSON.convertValue(spec, Map.class), path);
  }

  private static String baseFor(String path) {
    return CONTEXTS.stream().filter(c -> path.startsWith(c.getKey())).findFirst().orElseThrow().getValue();
  }

  /** The probe values of a field: by its path (any component as *), by its last segments, or by type. */
  private static List<Object> probeValues(String path) {
    String generic = path.replaceFirst("^components\\.[a-zA-Z]+\\.", "components.*.");
    for (String key : List.of(path, generic)) {
      if (VALUES.containsKey(key)) {
        return VALUES.get(key);
      }
    }
    String[] parts = path.split("\\.");
    for (int i = 1; i < parts.length; i++) {
      String tail = String.join(".", java.util.Arrays.copyOfRange(parts, i, parts.length));
      if (VALUES.containsKey(tail)) {
        return VALUES.get(tail);
      }
    }
    return BOOLEAN_FIELDS.contains(path) ? List.of(Boolean.TRUE) : null;
  }

  private static final TreeSet<String> BOOLEAN_FIELDS = new TreeSet<>();

  /** Every field of the model under {@code type}: model classes are walked, anything else is a leaf. */
  private static List<String> leaves(JavaType type, String prefix) {
    List<String> leaves = new ArrayList<>();
    for (BeanPropertyDefinition property : MODEL.getSerializationConfig().introspect(type).findProperties()) {
      JavaType propertyType = property.getPrimaryType();
      String path = prefix.isEmpty() ? property.getName() : prefix + "." + property.getName();
      if (!propertyType.isContainerType() && propertyType.getRawClass().getPackageName().equals(MODEL_PACKAGE)) {
        leaves.addAll(leaves(propertyType, path));
      } else {
        if (propertyType.getRawClass() == Boolean.class || propertyType.getRawClass() == boolean.class) {
          BOOLEAN_FIELDS.add(path);
        }
        leaves.add(path);
      }
    }
    return leaves;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> nested(String dotted, Object value) {
    if (dotted.isEmpty()) {
      return new LinkedHashMap<>((Map<String, Object>) value);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    put(root, dotted, value);
    return root;
  }

  private static void check(String baseYaml, String path, Map<String, Object> values, String reported,
      List<String> wrong) {
    check(baseYaml, path, (Object) values, reported, wrong);
  }

  @SuppressWarnings("unchecked")
  private static Object get(Map<String, Object> tree, String path) {
    Object node = tree;
    for (String part : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = ((Map<String, Object>) map).get(part);
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> tree, String path, Object value) {
    String[] parts = path.split("\\.");
    Map<String, Object> node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = node.get(parts[i]);
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        node.put(parts[i], next);
      }
      node = (Map<String, Object>) next;
    }
    node.put(parts[parts.length - 1], value);
  }
}
