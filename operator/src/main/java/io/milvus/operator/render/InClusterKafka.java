package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.milvus.operator.render.DependencyWorkloads.Port;
import io.milvus.operator.render.KafkaValues.Listener;
import io.milvus.operator.render.KafkaValues.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Kafka for one Milvus cluster in KRaft mode (no ZooKeeper): StatefulSet {@code <cr>-kafka}, each broker also a
 * controller, a headless Service for the brokers' stable names and a client Service {@code <cr>-kafka}. Its shape
 * follows the bitnami chart's values ({@link KafkaValues}): {@code replicaCount} brokers (default 3, as upstream's
 * chart), a PVC each unless {@code persistence.enabled} is false, and the listeners. With nothing asked of the
 * listeners the brokers keep the form of earlier releases (clients and brokers on {@code PLAINTEXT}); otherwise they
 * open the chart's three listeners (client, interbroker, controller), the client one with SASL/PLAIN when asked, its
 * users' passwords from {@code sasl.client.passwords} (kept in Secret {@code <cr>-kafka-user-passwords}, as the chart
 * keeps them) or the user's {@code sasl.existingSecret}. Each pod takes its node id from its ordinal.
 */
public final class InClusterKafka {

  static final String COMPONENT = "kafka";
  static final String REPOSITORY = "apache/kafka";
  static final String TAG = "3.9.1";
  static final int CLIENT_PORT = 9092;
  static final int CONTROLLER_PORT = 9093;
  private static final String SINGLE_LISTENER = KafkaValues.PLAINTEXT;
  /** A fixed KRaft cluster id: the log dirs are formatted once with it and must keep it across restarts. */
  static final String CLUSTER_ID = "bWlsdnVzLW9wZXJhdG9y";
  /** The brokers' variables holding the client users, named so Kafka's image does not copy them into its config. */
  static final String USERS_ENV = "SASL_CLIENT_USERS";
  static final String PASSWORDS_ENV = "SASL_CLIENT_PASSWORDS";
  static final String USERS_CHECKSUM = "checksum/sasl-client-users";

  private InClusterKafka() {}

  public static List<HasMetadata> render(RenderContext ctx) {
    KafkaValues kafka = KafkaValues.of(ctx);
    DependencyValues values = DependencyValues.of(ctx.spec().getDependencies().getKafka().getInCluster());
    List<HasMetadata> objects = new ArrayList<>();
    if (kafka.singleListener()) {
      objects.add(DependencyWorkloads.service(ctx, COMPONENT, Names.kafkaHeadless(ctx.name()), true,
          new Port("client", CLIENT_PORT), new Port("controller", CONTROLLER_PORT)));
      objects.add(DependencyWorkloads.service(ctx, COMPONENT, Names.kafka(ctx.name()), false,
          new Port("client", CLIENT_PORT), new Port("controller", CONTROLLER_PORT)));
    } else {
      objects.add(DependencyWorkloads.service(ctx, COMPONENT, Names.kafkaHeadless(ctx.name()), true,
          port(kafka, Role.CLIENT), port(kafka, Role.INTERBROKER), port(kafka, Role.CONTROLLER)));
      objects.add(DependencyWorkloads.service(ctx, COMPONENT, Names.kafka(ctx.name()), false,
          port(kafka, Role.CLIENT)));
    }
    passwordSecret(ctx, kafka).ifPresent(objects::add);
    List<PersistentVolumeClaim> claims = kafka.persistent()
        ? List.of(DependencyWorkloads.claim(ctx, COMPONENT, "data", values.storageClass(),
            values.persistenceSize("20Gi")))
        : List.of();
    PodSpecBuilder pod = new PodSpecBuilder().withContainers(container(ctx, kafka, values));
    if (!kafka.persistent()) {
      pod.withVolumes(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build());
    }
    StatefulSet sts = DependencyWorkloads.statefulSet(ctx, COMPONENT, Names.kafka(ctx.name()),
        Names.kafkaHeadless(ctx.name()), kafka.replicas(), "Parallel", pod.build(), claims);
    if (kafka.clientSasl()) {
      // the brokers read the users at start: a changed user or password restarts them one by one (the passwords of
      // the user's own Secret as observed, ConsumedSecrets)
      String passwords = kafka.existingSecret().isEmpty() ? String.join(",", kafka.passwords())
          : Objects.toString(ctx.cluster().brokerSecrets(), "");
      sts.getSpec().getTemplate().getMetadata().setAnnotations(Map.of(USERS_CHECKSUM,
          Hashes.sha256(String.join(",", kafka.users()) + "\n" + passwords)));
    }
    objects.add(sts);
    return objects;
  }

  /** The address Milvus bootstraps from: the client Service on the client listener's port. */
  public static String brokerList(String cr, String namespace, KafkaValues kafka) {
    int port = kafka.singleListener() ? CLIENT_PORT : kafka.listener(Role.CLIENT).port();
    return Names.kafka(cr) + "." + namespace + ":" + port;
  }

  /** The Secret holding the client passwords: the user's {@code sasl.existingSecret}, else the operator's. */
  static Optional<String> passwordSecretName(RenderContext ctx, KafkaValues kafka) {
    if (!kafka.clientSasl()) {
      return Optional.empty();
    }
    return Optional.of(kafka.existingSecret().orElse(Names.kafkaUserPasswords(ctx.name())));
  }

  private static Port port(KafkaValues kafka, Role role) {
    return new Port(role.key, kafka.listener(role).port());
  }

  /** The passwords written in the values, kept in a Secret as the chart keeps them; none with an existing Secret. */
  private static Optional<Secret> passwordSecret(RenderContext ctx, KafkaValues kafka) {
    if (!kafka.clientSasl() || kafka.existingSecret().isPresent() || kafka.passwords().isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> data = new LinkedHashMap<>();
    data.put(KafkaValues.CLIENT_PASSWORDS_KEY, base64(String.join(",", kafka.passwords())));
    data.put(KafkaValues.SYSTEM_USER_PASSWORD_KEY, base64(kafka.passwords().get(0)));
    return Optional.of(new SecretBuilder()
        .withNewMetadata()
          .withName(Names.kafkaUserPasswords(ctx.name())).withNamespace(ctx.namespace())
          .withLabels(Labels.component(ctx.name(), COMPONENT)).withOwnerReferences(ctx.owner())
        .endMetadata()
        .withType("Opaque")
        .withData(data)
        .build());
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static Container container(RenderContext ctx, KafkaValues kafka, DependencyValues values) {
    String headless = Names.kafkaHeadless(ctx.name()) + "." + ctx.namespace();
    boolean single = kafka.singleListener();
    Listener client = single ? new Listener(SINGLE_LISTENER, CLIENT_PORT, KafkaValues.PLAINTEXT)
        : kafka.listener(Role.CLIENT);
    Listener interBroker = single ? client : kafka.listener(Role.INTERBROKER);
    Listener controller = single ? new Listener("CONTROLLER", CONTROLLER_PORT, KafkaValues.PLAINTEXT)
        : kafka.listener(Role.CONTROLLER);
    List<Listener> brokerListeners = single ? List.of(client) : List.of(client, interBroker);
    // each listener's container port, named as the Services' target ports
    Map<String, Listener> ports = new LinkedHashMap<>();
    ports.put("client", client);
    if (!single) {
      ports.put("interbroker", interBroker);
    }
    ports.put("controller", controller);
    List<Listener> all = List.copyOf(ports.values());

    int replicas = kafka.replicas();
    String voters = IntStream.range(0, replicas)
        .mapToObj(i -> (i + 1) + "@" + Names.kafka(ctx.name()) + "-" + i + "." + headless + ":" + controller.port())
        .collect(Collectors.joining(","));
    String factor = String.valueOf(Math.min(3, replicas));
    List<EnvVar> env = new ArrayList<>(List.of(
        env("CLUSTER_ID", CLUSTER_ID),
        env("KAFKA_PROCESS_ROLES", "broker,controller"),
        env("KAFKA_LISTENERS", all.stream().map(l -> l.name() + "://:" + l.port()).collect(Collectors.joining(","))),
        env("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", all.stream().map(l -> l.name() + ":" + l.protocol())
            .collect(Collectors.joining(","))),
        env("KAFKA_CONTROLLER_LISTENER_NAMES", controller.name()),
        env("KAFKA_INTER_BROKER_LISTENER_NAME", interBroker.name()),
        env("KAFKA_CONTROLLER_QUORUM_VOTERS", voters),
        env("KAFKA_LOG_DIRS", "/var/lib/kafka/data"),
        env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", factor),
        env("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", factor),
        env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")));
    // The node id and advertised names depend on the pod's ordinal, known only inside the pod.
    StringBuilder script = new StringBuilder("export KAFKA_NODE_ID=$(( ${HOSTNAME##*-} + 1 ));"
        + " export KAFKA_ADVERTISED_LISTENERS=" + brokerListeners.stream()
            .map(l -> l.name() + "://${HOSTNAME}." + headless + ":" + l.port()).collect(Collectors.joining(","))
        + ";");
    if (kafka.clientSasl()) {
      env.add(env("KAFKA_SASL_ENABLED_MECHANISMS", KafkaValues.PLAIN));
      env.add(env("KAFKA_LISTENER_NAME_" + client.name() + "_SASL_ENABLED_MECHANISMS", KafkaValues.PLAIN));
      env.add(env(USERS_ENV, String.join(",", kafka.users())));
      env.add(new EnvVarBuilder().withName(PASSWORDS_ENV).withNewValueFrom().withNewSecretKeyRef()
          .withName(passwordSecretName(ctx, kafka).orElseThrow()).withKey(KafkaValues.CLIENT_PASSWORDS_KEY)
          .endSecretKeyRef().endValueFrom().build());
      // The listener's JAAS entry lists each user with its password (user_<name>="<password>"), read from the
      // Secret at start so no password is written in the pod spec.
      script.append(" jaas='org.apache.kafka.common.security.plain.PlainLoginModule required'; i=1;"
          + " for u in $(echo \"$" + USERS_ENV + "\" | tr ',' ' '); do"
          + " p=$(echo \"$" + PASSWORDS_ENV + "\" | cut -d, -f$i); jaas=\"$jaas user_$u=\\\"$p\\\"\"; i=$((i+1));"
          + " done;"
          + " export KAFKA_LISTENER_NAME_" + client.name() + "_PLAIN_SASL_JAAS_CONFIG=\"$jaas;\";"
          + " unset " + PASSWORDS_ENV + " jaas p;");
    }
    script.append(" exec /etc/kafka/docker/run");
    return new ContainerBuilder()
        .withName("kafka")
        .withImage(values.image(REPOSITORY, TAG))
        .withCommand("/bin/sh", "-c", script.toString())
        .withEnv(env)
        .withPorts(ports.entrySet().stream().map(p -> new ContainerPortBuilder()
            .withName(p.getKey()).withContainerPort(p.getValue().port()).build()).toList())
        .withNewReadinessProbe()
          .withNewTcpSocket().withPort(new IntOrString(client.port())).endTcpSocket()
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
