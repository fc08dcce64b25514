package io.milvus.operator.render;

import io.milvus.operator.api.v1beta1.InClusterConfig;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code inCluster.values} of an in-cluster Kafka that shape its brokers, read with the bitnami Kafka chart's keys:
 * {@code replicaCount}, {@code persistence.enabled}, {@code listeners.<client|interbroker|controller>.name|
 * containerPort|protocol} and {@code sasl.enabledMechanisms|client.users|client.passwords|existingSecret}. The keys of
 * the chart upstream installs (15.x: {@code auth.clientProtocol}, {@code auth.interBrokerProtocol},
 * {@code auth.sasl.mechanisms}, {@code auth.sasl.jaas.clientUsers|clientPasswords|existingSecret}) mean the same and
 * are read when the newer ones are absent.
 */
public record KafkaValues(Map<String, Object> values) {

  public static final String PLAINTEXT = "PLAINTEXT";
  public static final String SASL_PLAINTEXT = "SASL_PLAINTEXT";
  public static final String PLAIN = "PLAIN";
  /** The chart's Secret keys: every client user's password (comma-separated), and the first user's alone. */
  public static final String CLIENT_PASSWORDS_KEY = "client-passwords";
  public static final String SYSTEM_USER_PASSWORD_KEY = "system-user-password";

  /** The three listeners of the chart, with its default names and ports. */
  public enum Role {
    CLIENT("client", "CLIENT", 9092, "auth.clientProtocol"),
    INTERBROKER("interbroker", "INTERNAL", 9094, "auth.interBrokerProtocol"),
    CONTROLLER("controller", "CONTROLLER", 9093, null);

    final String key;
    final String defaultName;
    final int defaultPort;
    final String legacyProtocolKey;

    Role(String key, String defaultName, int defaultPort, String legacyProtocolKey) {
      this.key = key;
      this.defaultName = defaultName;
      this.defaultPort = defaultPort;
      this.legacyProtocolKey = legacyProtocolKey;
    }
  }

  /** A listener as the brokers open it. */
  public record Listener(String name, int port, String protocol) {}

  static KafkaValues of(RenderContext ctx) {
    return of(ctx.spec());
  }

  static KafkaValues of(MilvusSpec spec) {
    InClusterConfig inCluster = spec.getDependencies().getKafka().getInCluster();
    return new KafkaValues(inCluster == null || inCluster.getValues() == null ? Map.of() : inCluster.getValues());
  }

  int replicas() {
    return values.get("replicaCount") instanceof Number n ? n.intValue() : 3;
  }

  boolean persistent() {
    return !Boolean.FALSE.equals(get("persistence.enabled"));
  }

  /**
   * Whether the brokers keep the one-listener form of earlier releases ({@code PLAINTEXT} for clients and brokers,
   * {@code CONTROLLER}): nothing about listeners or SASL is asked for, so a running Kafka is not restarted.
   */
  boolean singleListener() {
    return !values.containsKey("listeners") && PLAINTEXT.equals(protocol(Role.CLIENT));
  }

  public Listener listener(Role role) {
    Object name = get("listeners." + role.key + ".name");
    Object port = get("listeners." + role.key + ".containerPort");
    return new Listener(name == null ? role.defaultName : name.toString().toUpperCase(Locale.ROOT),
        port instanceof Number n ? n.intValue() : role.defaultPort, protocol(role));
  }

  /** The listener's security protocol in Kafka's spelling; the 15.x chart's lower-case names are translated. */
  String protocol(Role role) {
    Object protocol = get("listeners." + role.key + ".protocol");
    if (protocol != null) {
      return protocol.toString().toUpperCase(Locale.ROOT);
    }
    Object legacy = role.legacyProtocolKey == null ? null : get(role.legacyProtocolKey);
    if (legacy == null) {
      return PLAINTEXT;
    }
    return switch (legacy.toString().toLowerCase(Locale.ROOT)) {
      case "plaintext" -> PLAINTEXT;
      case "sasl" -> SASL_PLAINTEXT;
      case "tls", "mtls" -> "SSL";
      case "sasl_tls" -> "SASL_SSL";
      default -> legacy.toString();
    };
  }

  /** Whether clients authenticate with SASL. */
  public boolean clientSasl() {
    return SASL_PLAINTEXT.equals(protocol(Role.CLIENT));
  }

  /** The SASL mechanisms asked for, upper-case; PLAIN when none is named. */
  List<String> mechanisms() {
    Object mechanisms = first("sasl.enabledMechanisms", "auth.sasl.mechanisms");
    return mechanisms == null ? List.of(PLAIN) : list(mechanisms).stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
  }

  /** The client users; the first is the one Milvus connects as (the chart's "system user"). */
  public List<String> users() {
    Object users = first("sasl.client.users", "auth.sasl.jaas.clientUsers");
    return users == null ? List.of(values.containsKey("sasl") ? "user1" : "user") : list(users);
  }

  List<String> passwords() {
    Object passwords = first("sasl.client.passwords", "auth.sasl.jaas.clientPasswords");
    return passwords == null ? List.of() : list(passwords);
  }

  /** A Secret of the user's holding {@value #CLIENT_PASSWORDS_KEY} and {@value #SYSTEM_USER_PASSWORD_KEY}. */
  public Optional<String> existingSecret() {
    Object secret = first("sasl.existingSecret", "auth.sasl.jaas.existingSecret");
    return secret == null || secret.toString().isBlank() ? Optional.empty() : Optional.of(secret.toString());
  }

  /** Why these values cannot be built, each as "key: reason" relative to the values; empty when they can. */
  List<String> refusals() {
    List<String> refusals = new ArrayList<>();
    Listener client = listener(Role.CLIENT);
    if (!PLAINTEXT.equals(client.protocol()) && !SASL_PLAINTEXT.equals(client.protocol())) {
      refusals.add(protocolKey(Role.CLIENT) + ": the client listener can be PLAINTEXT or SASL_PLAINTEXT, not "
          + client.protocol() + " (TLS needs certificates this operator does not set up)");
    }
    for (Role role : List.of(Role.INTERBROKER, Role.CONTROLLER)) {
      if (!PLAINTEXT.equals(protocol(role))) {
        refusals.add(protocolKey(role) + ": the brokers' own " + role.key + " traffic stays inside the cluster on"
            + " PLAINTEXT; " + protocol(role) + " cannot be set up");
      }
    }
    for (Role role : Role.values()) {
      if (!listener(role).name().matches("[A-Z][A-Z0-9]*")) {
        refusals.add("listeners." + role.key + ".name: a listener name of letters and digits, not "
            + listener(role).name());
      }
    }
    List<Integer> ports = Arrays.stream(Role.values()).map(r -> listener(r).port()).distinct().toList();
    List<String> names = Arrays.stream(Role.values()).map(r -> listener(r).name()).distinct().toList();
    if (ports.size() < Role.values().length || names.size() < Role.values().length) {
      refusals.add("listeners: the client, interbroker and controller listeners need names and containerPorts of"
          + " their own");
    }
    if (clientSasl()) {
      List<String> other = mechanisms().stream().filter(m -> !PLAIN.equals(m)).toList();
      if (!other.isEmpty()) {
        refusals.add("sasl.enabledMechanisms: only PLAIN can be set up (its users are the listener's own), not "
            + String.join(", ", other));
      }
      if (existingSecret().isEmpty() && passwords().isEmpty()) {
        refusals.add("sasl.client.passwords: a SASL client listener needs the users' passwords, in"
            + " sasl.client.passwords or in the Secret named by sasl.existingSecret (key " + CLIENT_PASSWORDS_KEY + ")");
      } else if (existingSecret().isEmpty() && passwords().size() != users().size()) {
        refusals.add("sasl.client.passwords: " + passwords().size() + " password(s) for " + users().size()
            + " user(s) " + users());
      }
    }
    return refusals;
  }

  private String protocolKey(Role role) {
    return get("listeners." + role.key + ".protocol") == null && role.legacyProtocolKey != null
        && get(role.legacyProtocolKey) != null ? role.legacyProtocolKey : "listeners." + role.key + ".protocol";
  }

  private Object first(String key, String legacyKey) {
    Object value = get(key);
    return value != null ? value : get(legacyKey);
  }

  private Object get(String path) {
    return ConfigMaps.get(values, path);
  }

  /** A list value, or a comma-separated string, as the chart accepts both. */
  private static List<String> list(Object value) {
    List<?> items = value instanceof List<?> l ? l : Arrays.asList(value.toString().split(","));
    return items.stream().map(o -> String.valueOf(o).trim()).filter(s -> !s.isEmpty()).toList();
  }
}
