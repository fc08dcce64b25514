package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.milvus.operator.render.DependencyWorkloads.Port;
import io.milvus.operator.render.PulsarValues.Jwt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Pulsar for one Milvus, laid out as the Apache Pulsar chart that upstream installs as release {@code <cr>-pulsar}:
 * ZooKeeper, BookKeeper (bookies and autorecovery), brokers and a proxy, each a StatefulSet behind a Service of the
 * same name, and two Jobs, {@code <cr>-pulsar-bookie-init} (BookKeeper's cluster in ZooKeeper) and
 * {@code <cr>-pulsar-pulsar-init} (Pulsar's cluster metadata). Milvus connects to {@code <cr>-pulsar-proxy:6650}.
 * Each part is started only when what it needs is ready ({@link #startable}). Settings follow milvus-helm's Pulsar
 * values where Milvus depends on them (100 MiB messages, retention of a week).
 */
public final class InClusterPulsar {

  public static final int BROKER_PORT = 6650;
  static final int HTTP_PORT = 8080;
  static final int ZOOKEEPER_PORT = 2181;
  static final int BOOKIE_PORT = 3181;
  static final int BOOKIE_HTTP_PORT = 8000;
  private static final String TOKEN_KEYS_DIR = "/pulsar/keys/token";
  private static final String TOKENS_DIR = "/pulsar/tokens";

  /**
   * A long-running part of Pulsar.
   *
   * @param valuesKey its section in the chart's values
   * @param imageKey its key under {@code images}
   * @param suffix its objects' name after {@code <cr>-pulsar-}
   */
  public enum Part {
    ZOOKEEPER("zookeeper", "zookeeper", "zookeeper"),
    BOOKKEEPER("bookkeeper", "bookie", "bookie"),
    AUTORECOVERY("autorecovery", "autorecovery", "recovery"),
    BROKER("broker", "broker", "broker"),
    PROXY("proxy", "proxy", "proxy");

    final String valuesKey;
    final String imageKey;
    final String suffix;

    Part(String valuesKey, String imageKey, String suffix) {
      this.valuesKey = valuesKey;
      this.imageKey = imageKey;
      this.suffix = suffix;
    }

    /** The {@code app.kubernetes.io/component} label of its objects (and of its PVCs). */
    public String component() {
      return "pulsar-" + suffix;
    }

    public String objectName(String cr) {
      return release(cr) + "-" + suffix;
    }
  }

  private InClusterPulsar() {}

  /** Upstream's Helm release name, the prefix of every object. */
  public static String release(String cr) {
    return cr + "-pulsar";
  }

  public static String bookieInitJob(String cr) {
    return release(cr) + "-bookie-init";
  }

  public static String metadataInitJob(String cr) {
    return release(cr) + "-pulsar-init";
  }

  /** The host Milvus connects to, on port {@link #BROKER_PORT}. */
  public static String proxyHost(RenderContext ctx) {
    return proxyHost(ctx.name(), ctx.namespace());
  }

  static String proxyHost(String cr, String namespace) {
    return Part.PROXY.objectName(cr) + "." + namespace;
  }

  /** The Secrets JWT authentication reads, named as the chart's: {@code <cr>-pulsar-token-...}. */
  public static List<String> requiredSecrets(RenderContext ctx) {
    PulsarValues values = PulsarValues.of(ctx);
    return values.jwt().map(jwt -> {
      List<String> secrets = new ArrayList<>();
      secrets.add(keySecret(ctx.name(), jwt));
      secrets.add(tokenSecret(ctx.name(), jwt.brokerRole()));
      if (!jwt.proxyRole().equals(jwt.brokerRole())) {
        secrets.add(tokenSecret(ctx.name(), jwt.proxyRole()));
      }
      return secrets;
    }).orElse(List.of());
  }

  public static String tokenSecret(String cr, String role) {
    return release(cr) + "-token-" + role;
  }

  private static String keySecret(String cr, Jwt jwt) {
    return release(cr) + (jwt.usingSecretKey() ? "-token-symmetric-key" : "-token-asymmetric-key");
  }

  /** The parts this Milvus runs: all but autorecovery when {@code components.autorecovery} is false. */
  public static List<Part> parts(RenderContext ctx) {
    PulsarValues values = PulsarValues.of(ctx);
    return List.of(Part.values()).stream()
        .filter(p -> p != Part.AUTORECOVERY || values.enabled("autorecovery", true))
        .toList();
  }

  public static List<HasMetadata> render(RenderContext ctx) {
    PulsarValues values = PulsarValues.of(ctx);
    List<HasMetadata> objects = new ArrayList<>();
    for (Part part : parts(ctx)) {
      objects.add(service(ctx, part));
    }
    objects.add(statefulSet(ctx, values, Part.ZOOKEEPER, zookeeperContainer(ctx, values), "Parallel",
        List.of(new Disk("data", "/pulsar/data", "20Gi"))));
    objects.add(bookieInit(ctx, values));
    objects.add(metadataInit(ctx, values));
    objects.add(statefulSet(ctx, values, Part.BOOKKEEPER, bookieContainer(ctx, values), "Parallel",
        List.of(new Disk("journal", "/pulsar/data/bookkeeper/journal", "100Gi"),
            new Disk("ledgers", "/pulsar/data/bookkeeper/ledgers", "200Gi"))));
    if (parts(ctx).contains(Part.AUTORECOVERY)) {
      objects.add(statefulSet(ctx, values, Part.AUTORECOVERY, recoveryContainer(ctx, values), null, List.of()));
    }
    objects.add(statefulSet(ctx, values, Part.BROKER, brokerContainer(ctx, values), "Parallel", List.of()));
    objects.add(statefulSet(ctx, values, Part.PROXY, proxyContainer(ctx, values), "Parallel", List.of()));
    return objects;
  }

  /**
   * The objects of {@code desired} that may be written now: every object that exists already (so it keeps following
   * the spec), and a new one only once what it needs is ready. Objects that are not Pulsar's pass through.
   *
   * @param exists whether the object (of its kind and name) exists
   */
  public static List<HasMetadata> startable(RenderContext ctx, List<HasMetadata> desired,
      Predicate<HasMetadata> exists, PulsarProgress progress) {
    return desired.stream()
        .filter(o -> exists.test(o) || prerequisitesMet(ctx, o, progress))
        .toList();
  }

  private static boolean prerequisitesMet(RenderContext ctx, HasMetadata object, PulsarProgress progress) {
    String name = object.getMetadata().getName();
    String cr = ctx.name();
    if ("Service".equals(object.getKind())) {
      return true;
    }
    if (object instanceof Job) {
      return progress.ready(Part.ZOOKEEPER);
    }
    if (name.equals(Part.BOOKKEEPER.objectName(cr)) || name.equals(Part.AUTORECOVERY.objectName(cr))) {
      return progress.bookieInitDone();
    }
    if (name.equals(Part.BROKER.objectName(cr))) {
      return progress.metadataInitDone() && progress.ready(Part.BOOKKEEPER);
    }
    if (name.equals(Part.PROXY.objectName(cr))) {
      return progress.ready(Part.BROKER);
    }
    return true;
  }

  /** A volume of a part: a claim per pod when persistent, an emptyDir otherwise. */
  private record Disk(String name, String mountPath, String defaultSize) {}

  private static HasMetadata service(RenderContext ctx, Part part) {
    return switch (part) {
      case ZOOKEEPER -> DependencyWorkloads.service(ctx, part.component(), part.objectName(ctx.name()), true,
          new Port("client", ZOOKEEPER_PORT), new Port("follower", 2888), new Port("leader-election", 3888));
      case BOOKKEEPER -> DependencyWorkloads.service(ctx, part.component(), part.objectName(ctx.name()), true,
          new Port("bookie", BOOKIE_PORT), new Port("http", BOOKIE_HTTP_PORT));
      case AUTORECOVERY -> DependencyWorkloads.service(ctx, part.component(), part.objectName(ctx.name()), true,
          new Port("http", BOOKIE_HTTP_PORT));
      case BROKER -> DependencyWorkloads.service(ctx, part.component(), part.objectName(ctx.name()), true,
          new Port("pulsar", BROKER_PORT), new Port("http", HTTP_PORT));
      case PROXY -> DependencyWorkloads.service(ctx, part.component(), part.objectName(ctx.name()), false,
          new Port("pulsar", BROKER_PORT), new Port("http", HTTP_PORT));
    };
  }

  private static HasMetadata statefulSet(RenderContext ctx, PulsarValues values, Part part, Container container,
      String podManagementPolicy, List<Disk> disks) {
    boolean persistent = values.persistent(part.valuesKey);
    List<PersistentVolumeClaim> claims = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>(jwtVolumes(ctx, values, part));
    List<VolumeMount> mounts = new ArrayList<>(container.getVolumeMounts());
    for (Disk disk : disks) {
      mounts.add(new VolumeMountBuilder().withName(disk.name()).withMountPath(disk.mountPath()).build());
      if (persistent) {
        claims.add(DependencyWorkloads.claim(ctx, part.component(), disk.name(),
            values.storageClass(part.valuesKey, disk.name()),
            values.volumeSize(part.valuesKey, disk.name(), disk.defaultSize())));
      } else {
        volumes.add(new VolumeBuilder().withName(disk.name()).withNewEmptyDir().endEmptyDir().build());
      }
    }
    container.setVolumeMounts(mounts.isEmpty() ? null : mounts);
    PodSpec pod = new PodSpecBuilder().withContainers(container).withVolumes(volumes.isEmpty() ? null : volumes).build();
    return DependencyWorkloads.statefulSet(ctx, part.component(), part.objectName(ctx.name()),
        part.objectName(ctx.name()), values.replicas(part.valuesKey), podManagementPolicy, pod, claims);
  }

  private static String zookeeperHost(RenderContext ctx) {
    return Part.ZOOKEEPER.objectName(ctx.name()) + "." + ctx.namespace() + ":" + ZOOKEEPER_PORT;
  }

  private static String brokerHost(RenderContext ctx) {
    return Part.BROKER.objectName(ctx.name()) + "." + ctx.namespace();
  }

  private static Container zookeeperContainer(RenderContext ctx, PulsarValues values) {
    String servers = IntStream.range(0, values.replicas("zookeeper"))
        .mapToObj(i -> Part.ZOOKEEPER.objectName(ctx.name()) + "-" + i)
        .collect(Collectors.joining(","));
    Map<String, String> config = new LinkedHashMap<>();
    config.put("ZOOKEEPER_SERVERS", servers);
    config.put("dataDir", "/pulsar/data/zookeeper");
    config.put("PULSAR_MEM", "-Xms256m -Xmx256m");
    return container(values, Part.ZOOKEEPER, config,
        "bin/apply-config-from-env.py conf/zookeeper.conf && bin/generate-zookeeper-config.sh conf/zookeeper.conf"
            + " && exec bin/pulsar zookeeper",
        new ProbeBuilder().withNewExec().withCommand("bin/pulsar-zookeeper-ruok.sh").endExec()
            .withPeriodSeconds(10).withTimeoutSeconds(5).build(),
        new Port("client", ZOOKEEPER_PORT), new Port("follower", 2888), new Port("leader-election", 3888));
  }

  private static Container bookieContainer(RenderContext ctx, PulsarValues values) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("zkServers", zookeeperHost(ctx));
    config.put("journalDirectory", "/pulsar/data/bookkeeper/journal");
    config.put("ledgerDirectories", "/pulsar/data/bookkeeper/ledgers");
    config.put("useHostNameAsBookieID", "true");
    config.put("httpServerEnabled", "true");
    config.put("BOOKIE_MEM", "-Xms512m -Xmx512m -XX:MaxDirectMemorySize=512m");
    return container(values, Part.BOOKKEEPER, config,
        "bin/apply-config-from-env.py conf/bookkeeper.conf && exec bin/pulsar bookie",
        httpProbe("/api/v1/bookie/is_ready", BOOKIE_HTTP_PORT),
        new Port("bookie", BOOKIE_PORT), new Port("http", BOOKIE_HTTP_PORT));
  }

  private static Container recoveryContainer(RenderContext ctx, PulsarValues values) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("zkServers", zookeeperHost(ctx));
    config.put("httpServerEnabled", "true");
    config.put("BOOKIE_MEM", "-Xms128m -Xmx128m");
    return container(values, Part.AUTORECOVERY, config,
        "bin/apply-config-from-env.py conf/bookkeeper.conf && exec bin/bookkeeper autorecovery", null,
        new Port("http", BOOKIE_HTTP_PORT));
  }

  private static Container brokerContainer(RenderContext ctx, PulsarValues values) {
    int bookies = values.replicas("bookkeeper");
    String quorum = String.valueOf(Math.max(1, Math.min(2, bookies)));
    Map<String, String> config = new LinkedHashMap<>();
    if (values.version() == PulsarValues.PulsarVersion.V2) {
      config.put("zookeeperServers", zookeeperHost(ctx));
      config.put("configurationStoreServers", zookeeperHost(ctx));
    } else {
      config.put("metadataStoreUrl", "zk:" + zookeeperHost(ctx));
      config.put("configurationMetadataStoreUrl", "zk:" + zookeeperHost(ctx));
    }
    config.put("clusterName", release(ctx.name()));
    config.put("managedLedgerDefaultEnsembleSize", quorum);
    config.put("managedLedgerDefaultWriteQuorum", quorum);
    config.put("managedLedgerDefaultAckQuorum", quorum);
    config.put("maxMessageSize", "104857600");
    config.put("defaultRetentionTimeInMinutes", "10080");
    config.put("defaultRetentionSizeInMB", "-1");
    config.put("backlogQuotaDefaultLimitGB", "8");
    config.put("ttlDurationDefaultInSeconds", "259200");
    config.put("subscriptionExpirationTimeMinutes", "3");
    config.put("backlogQuotaDefaultRetentionPolicy", "producer_exception");
    config.put("PULSAR_MEM", "-Xms512m -Xmx512m -XX:MaxDirectMemorySize=512m");
    values.jwt().ifPresent(jwt -> config.putAll(jwtConfig(jwt, jwt.brokerRole(), "broker")));
    // Each broker advertises its own stable name, known only inside the pod.
    return container(values, Part.BROKER, config,
        "export advertisedAddress=${HOSTNAME}." + brokerHost(ctx) + ";"
            + " bin/apply-config-from-env.py conf/broker.conf && exec bin/pulsar broker",
        httpProbe("/status.html", HTTP_PORT), new Port("pulsar", BROKER_PORT), new Port("http", HTTP_PORT));
  }

  private static Container proxyContainer(RenderContext ctx, PulsarValues values) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("clusterName", release(ctx.name()));
    config.put("brokerServiceURL", "pulsar://" + brokerHost(ctx) + ":" + BROKER_PORT);
    config.put("brokerWebServiceURL", "http://" + brokerHost(ctx) + ":" + HTTP_PORT);
    config.put("maxMessageSize", "104857600");
    config.put("PULSAR_MEM", "-Xms256m -Xmx256m -XX:MaxDirectMemorySize=256m");
    values.jwt().ifPresent(jwt -> {
      config.putAll(jwtConfig(jwt, jwt.proxyRole(), "proxy"));
      config.put("forwardAuthorizationCredentials", "true");
    });
    return container(values, Part.PROXY, config,
        "bin/apply-config-from-env.py conf/proxy.conf && exec bin/pulsar proxy",
        httpProbe("/status.html", HTTP_PORT), new Port("pulsar", BROKER_PORT), new Port("http", HTTP_PORT));
  }

  /** Token authentication of a broker or proxy, and the token it presents to the brokers behind it. */
  private static Map<String, String> jwtConfig(Jwt jwt, String role, String mountName) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("authenticationEnabled", "true");
    config.put("authenticationProviders", "org.apache.pulsar.broker.authentication.AuthenticationProviderToken");
    config.put("authorizationEnabled", String.valueOf(jwt.authorization()));
    config.put("superUserRoles", String.join(",", jwt.superUsers()));
    if (jwt.usingSecretKey()) {
      config.put("tokenSecretKey", "file://" + TOKEN_KEYS_DIR + "/secret.key");
    } else {
      config.put("tokenPublicKey", "file://" + TOKEN_KEYS_DIR + "/public.key");
    }
    config.put("brokerClientAuthenticationPlugin", "org.apache.pulsar.client.impl.auth.AuthenticationToken");
    config.put("brokerClientAuthenticationParameters", "file://" + TOKENS_DIR + "/" + mountName + "/token");
    return config;
  }

  /** The key to verify tokens with and this part's own token, from the chart's Secrets, for brokers and proxies. */
  private static List<Volume> jwtVolumes(RenderContext ctx, PulsarValues values, Part part) {
    Optional<Jwt> jwt = values.jwt();
    if (jwt.isEmpty() || part != Part.BROKER && part != Part.PROXY) {
      return List.of();
    }
    String role = part == Part.BROKER ? jwt.get().brokerRole() : jwt.get().proxyRole();
    String keyItem = jwt.get().usingSecretKey() ? "SECRETKEY" : "PUBLICKEY";
    String keyFile = jwt.get().usingSecretKey() ? "secret.key" : "public.key";
    return List.of(
        new VolumeBuilder().withName("token-keys").withNewSecret().withSecretName(keySecret(ctx.name(), jwt.get()))
            .addNewItem().withKey(keyItem).withPath(keyFile).endItem().endSecret().build(),
        new VolumeBuilder().withName("token").withNewSecret().withSecretName(tokenSecret(ctx.name(), role))
            .addNewItem().withKey("TOKEN").withPath("token").endItem().endSecret().build());
  }

  private static List<VolumeMount> jwtMounts(PulsarValues values, Part part) {
    if (values.jwt().isEmpty() || part != Part.BROKER && part != Part.PROXY) {
      return List.of();
    }
    return List.of(
        new VolumeMountBuilder().withName("token-keys").withMountPath(TOKEN_KEYS_DIR).withReadOnly(true).build(),
        new VolumeMountBuilder().withName("token").withMountPath(TOKENS_DIR + "/" + part.suffix).withReadOnly(true)
            .build());
  }

  private static Container container(PulsarValues values, Part part, Map<String, String> defaults, String script,
      Probe readiness, Port... ports) {
    Map<String, String> config = new LinkedHashMap<>(defaults);
    config.putAll(values.configData(part.valuesKey));
    ContainerBuilder container = new ContainerBuilder()
        .withName(part.suffix)
        .withImage(values.image(part.imageKey))
        .withImagePullPolicy(values.pullPolicy(part.imageKey))
        .withCommand("sh", "-c", script)
        .withEnv(env(config))
        .withReadinessProbe(readiness)
        .withResources(values.resources(part.valuesKey))
        .withVolumeMounts(jwtMounts(values, part));
    for (Port port : ports) {
      container.addNewPort().withName(port.name()).withContainerPort(port.number()).endPort();
    }
    return container.build();
  }

  private static Probe httpProbe(String path, int port) {
    return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(port)).endHttpGet()
        .withPeriodSeconds(10).withTimeoutSeconds(5).build();
  }

  private static List<EnvVar> env(Map<String, String> config) {
    return config.entrySet().stream()
        .map(e -> new EnvVarBuilder().withName(e.getKey()).withValue(e.getValue()).build())
        .toList();
  }

  /** BookKeeper's cluster in ZooKeeper, made once: a rerun finds it and succeeds. */
  private static Job bookieInit(RenderContext ctx, PulsarValues values) {
    Map<String, String> config = Map.of("zkServers", zookeeperHost(ctx));
    return job(ctx, values, bookieInitJob(ctx.name()), "bookie", config,
        "bin/apply-config-from-env.py conf/bookkeeper.conf &&"
            + " if bin/bookkeeper shell whatisinstanceid; then echo 'BookKeeper cluster already initialised';"
            + " else bin/bookkeeper shell initnewcluster; fi");
  }

  /** Pulsar's cluster metadata in ZooKeeper, made once: a rerun finds the cluster and succeeds. */
  private static Job metadataInit(RenderContext ctx, PulsarValues values) {
    String cluster = release(ctx.name());
    String broker = brokerHost(ctx);
    return job(ctx, values, metadataInitJob(ctx.name()), "broker", Map.of(),
        "if bin/pulsar zookeeper-shell -server " + zookeeperHost(ctx) + " get /admin/clusters/" + cluster + ";"
            + " then echo 'Cluster metadata already initialised'; else bin/pulsar initialize-cluster-metadata"
            + " --cluster " + cluster
            + " --zookeeper " + zookeeperHost(ctx)
            + " --configuration-store " + zookeeperHost(ctx)
            + " --web-service-url http://" + broker + ":" + HTTP_PORT + "/"
            + " --broker-service-url pulsar://" + broker + ":" + BROKER_PORT + "/; fi");
  }

  private static Job job(RenderContext ctx, PulsarValues values, String name, String imageKey,
      Map<String, String> config, String script) {
    String component = "pulsar-init";
    return new JobBuilder()
        .withNewMetadata()
          .withName(name).withNamespace(ctx.namespace())
          .withLabels(Labels.component(ctx.name(), component)).withOwnerReferences(ctx.owner())
        .endMetadata()
        .withNewSpec()
          .withBackoffLimit(20)
          .withNewTemplate()
            .withNewMetadata().withLabels(Labels.component(ctx.name(), component)).endMetadata()
            .withNewSpec()
              .withRestartPolicy("Never")
              .addNewContainer()
                .withName(name.substring(release(ctx.name()).length() + 1))
                .withImage(values.image(imageKey))
                .withImagePullPolicy(values.pullPolicy(imageKey))
                .withCommand("sh", "-c", script)
                .withEnv(env(config))
              .endContainer()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }
}
