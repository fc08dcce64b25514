package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.milvus.operator.render.DependencyWorkloads.Port;
import java.util.List;
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
  private static final Port CLIENT = new Port("client", CLIENT_PORT);
  private static final Port CONTROLLER = new Port("controller", CONTROLLER_PORT);
  /** A fixed KRaft cluster id: the log dirs are formatted once with it and must keep it across restarts. */
  static final String CLUSTER_ID = "bWlsdnVzLW9wZXJhdG9y";

  private InClusterKafka() {}

  public static List<HasMetadata> render(RenderContext ctx) {
    DependencyValues values = DependencyValues.of(ctx.spec().getDependencies().getKafka().getInCluster());
    return List.of(
        DependencyWorkloads.service(ctx, COMPONENT, Names.kafkaHeadless(ctx.name()), true, CLIENT, CONTROLLER),
        DependencyWorkloads.service(ctx, COMPONENT, Names.kafka(ctx.name()), false, CLIENT, CONTROLLER),
        DependencyWorkloads.statefulSet(ctx, COMPONENT, Names.kafka(ctx.name()), Names.kafkaHeadless(ctx.name()),
            replicas(values), "Parallel", container(ctx, values), "data", values, "20Gi"));
  }

  public static String brokerList(RenderContext ctx) {
    return Names.kafka(ctx.name()) + "." + ctx.namespace() + ":" + CLIENT_PORT;
  }

  static int replicas(DependencyValues values) {
    Object count = values.values().get("replicaCount");
    return count instanceof Number n ? n.intValue() : 3;
  }

  private static Container container(RenderContext ctx, DependencyValues values) {
    int replicas = replicas(values);
    String headless = Names.kafkaHeadless(ctx.name()) + "." + ctx.namespace();
    String voters = IntStream.range(0, replicas)
        .mapToObj(i -> (i + 1) + "@" + Names.kafka(ctx.name()) + "-" + i + "." + headless + ":" + CONTROLLER_PORT)
        .collect(Collectors.joining(","));
    String factor = String.valueOf(Math.min(3, replicas));
    List<EnvVar> env = List.of(
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
        env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1"));
    return new ContainerBuilder()
        .withName("kafka")
        .withImage(values.image(REPOSITORY, TAG))
        // The node id and advertised name depend on the pod's ordinal, known only inside the pod.
        .withCommand("/bin/sh", "-c", "export KAFKA_NODE_ID=$(( ${HOSTNAME##*-} + 1 ));"
            + " export KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://${HOSTNAME}." + headless + ":" + CLIENT_PORT + ";"
            + " exec /etc/kafka/docker/run")
        .withEnv(env)
        .addNewPort().withName(CLIENT.name()).withContainerPort(CLIENT_PORT).endPort()
        .addNewPort().withName(CONTROLLER.name()).withContainerPort(CONTROLLER_PORT).endPort()
        .withNewReadinessProbe()
          .withNewTcpSocket().withPort(new IntOrString(CLIENT_PORT)).endTcpSocket()
          .withPeriodSeconds(10).withTimeoutSeconds(5)
        .endReadinessProbe()
        .withResources(values.resources())
        .addNewVolumeMount().withName("data").withMountPath("/var/lib/kafka/data").endVolumeMount()
        .build();
  }

  private static EnvVar env(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }
}
