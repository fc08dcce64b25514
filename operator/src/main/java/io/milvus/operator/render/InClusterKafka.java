package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Kafka for one Milvus cluster in KRaft mode (no ZooKeeper): StatefulSet {@code <cr>-kafka}, each broker also a
 * controller, a headless Service for the brokers' stable names and a client Service {@code <cr>-kafka}. The replica
 * count comes from {@code inCluster.values.replicaCount} (default 3, as upstream's chart); each pod takes its node id
 * from its ordinal.
 */
public final class InClusterKafka {

  static final String COMPONENT = "kafka";
  static final String REPOSITORY = "apache/kafka";
  static final String TAG = "3.9.1";
  static final int CLIENT_PORT = 9092;
  static final int CONTROLLER_PORT = 9093;
  /** A fixed KRaft cluster id: the log dirs are formatted once with it and must keep it across restarts. */
  static final String CLUSTER_ID = "bWlsdnVzLW9wZXJhdG9y";

  private InClusterKafka() {}

  public static List<HasMetadata> render(RenderContext ctx) {
    return List.of(headlessService(ctx), clientService(ctx), statefulSet(ctx));
  }

  public static String brokerList(RenderContext ctx) {
    return Names.kafka(ctx.name()) + "." + ctx.namespace() + ":" + CLIENT_PORT;
  }

  static int replicas(DependencyValues values) {
    Object count = values.values().get("replicaCount");
    return count instanceof Number n ? n.intValue() : 3;
  }

  private static StatefulSet statefulSet(RenderContext ctx) {
    DependencyValues values = DependencyValues.of(ctx.spec().getDependencies().getKafka().getInCluster());
    int replicas = replicas(values);
    String headless = Names.kafkaHeadless(ctx.name()) + "." + ctx.namespace();
    String voters = IntStream.range(0, replicas)
        .mapToObj(i -> (i + 1) + "@" + Names.kafka(ctx.name()) + "-" + i + "." + headless + ":" + CONTROLLER_PORT)
        .collect(Collectors.joining(","));
    String factor = String.valueOf(Math.min(3, replicas));
    List<EnvVar> env = new ArrayList<>(List.of(
        env("CLUSTER_ID", CLUSTER_ID),
        env("KAFKA_PROCESS_ROLES", "broker,controller"),
        env("KAFKA_LISTENERS", "PLAINTEXT://:" + CLIENT_PORT + ",CONTROLLER://:" + CONTROLLER_PORT),
        env("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        env("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER"),
        env("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT"),
        env("KAFKA_CONTROLLER_QUORUM_VOTERS", voters),
        env("KAFKA_LOG_DIRS", "/var/lib/kafka/data"),
        env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", factor),
        env("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", factor),
        env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")));
    return new StatefulSetBuilder()
        .withNewMetadata()
          .withName(Names.kafka(ctx.name())).withNamespace(ctx.namespace())
          .withLabels(Labels.component(ctx.name(), COMPONENT)).withOwnerReferences(ctx.owner())
        .endMetadata()
        .withNewSpec()
          .withReplicas(replicas)
          .withServiceName(Names.kafkaHeadless(ctx.name()))
          .withPodManagementPolicy("Parallel")
          .withNewSelector().withMatchLabels(Labels.selector(ctx.name(), COMPONENT)).endSelector()
          .withNewTemplate()
            .withNewMetadata().withLabels(Labels.component(ctx.name(), COMPONENT)).endMetadata()
            .withNewSpec()
              .addNewContainer()
                .withName("kafka")
                .withImage(values.image(REPOSITORY, TAG))
                // The node id and advertised name depend on the pod's ordinal, known only inside the pod.
                .withCommand("/bin/sh", "-c", "export KAFKA_NODE_ID=$(( ${HOSTNAME##*-} + 1 ));"
                    + " export KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://${HOSTNAME}." + headless + ":" + CLIENT_PORT + ";"
                    + " exec /etc/kafka/docker/run")
                .withEnv(env)
                .addNewPort().withName("client").withContainerPort(CLIENT_PORT).endPort()
                .addNewPort().withName("controller").withContainerPort(CONTROLLER_PORT).endPort()
                .withNewReadinessProbe()
                  .withNewTcpSocket().withPort(new IntOrString(CLIENT_PORT)).endTcpSocket()
                  .withPeriodSeconds(10).withTimeoutSeconds(5)
                .endReadinessProbe()
                .withResources(values.resources())
                .addNewVolumeMount().withName("data").withMountPath("/var/lib/kafka/data").endVolumeMount()
              .endContainer()
            .endSpec()
          .endTemplate()
          .addNewVolumeClaimTemplate()
            .withNewMetadata().withName("data").withLabels(Labels.component(ctx.name(), COMPONENT)).endMetadata()
            .withNewSpec()
              .withAccessModes("ReadWriteOnce")
              .withStorageClassName(values.storageClass())
              .withNewResources().withRequests(Map.of("storage", new Quantity(values.persistenceSize("20Gi"))))
              .endResources()
            .endSpec()
          .endVolumeClaimTemplate()
        .endSpec()
        .build();
  }

  private static Service headlessService(RenderContext ctx) {
    return service(ctx, Names.kafkaHeadless(ctx.name()), true);
  }

  private static Service clientService(RenderContext ctx) {
    return service(ctx, Names.kafka(ctx.name()), false);
  }

  private static Service service(RenderContext ctx, String name, boolean headless) {
    return new ServiceBuilder()
        .withNewMetadata()
          .withName(name).withNamespace(ctx.namespace())
          .withLabels(Labels.component(ctx.name(), COMPONENT)).withOwnerReferences(ctx.owner())
        .endMetadata()
        .withNewSpec()
          .withClusterIP(headless ? "None" : null)
          .withPublishNotReadyAddresses(headless ? true : null)
          .withSelector(Labels.selector(ctx.name(), COMPONENT))
          .addNewPort().withName("client").withPort(CLIENT_PORT).withTargetPort(new IntOrString("client")).endPort()
          .addNewPort().withName("controller").withPort(CONTROLLER_PORT).withTargetPort(new IntOrString("controller"))
          .endPort()
        .endSpec()
        .build();
  }

  private static EnvVar env(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }
}
