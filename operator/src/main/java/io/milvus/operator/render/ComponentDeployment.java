package io.milvus.operator.render;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.v1beta1.Component;
import io.milvus.operator.api.v1beta1.ComponentSpec;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.api.v1beta1.Persistence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The Deployment {@code <cr>-milvus-<component>}: pod settings merged global → component, as upstream does. */
public final class ComponentDeployment {

  public static final String CONTAINER = "milvus";
  public static final int MILVUS_PORT = 19530;
  public static final int METRICS_PORT = 9091;
  public static final String METRICS_PORT_NAME = "metrics";
  static final String CONFIG_DIR = "/milvus/configs/operator";
  static final String DATA_DIR = "/var/lib/milvus";
  /** Upstream's volume names, which a user's own volumes ({@code data}, {@code config}) do not collide with. */
  static final String CONFIG_VOLUME = "milvus-config";
  static final String DATA_VOLUME = "milvus-data";
  public static final String RESTFUL_PORT = "restful";
  /** Annotation on the pod template that rolls the pods when the config changes and updateConfigMapOnly is false. */
  public static final String CONFIG_CHECKSUM = "checksum/config";
  /**
   * On the pod template and the Deployment: the digest of the user's Secret values the pods read at start
   * ({@link ConsumedSecrets}); a rotation changes it and rolls the pods.
   */
  public static final String SECRETS_CHECKSUM = "checksum/secrets";
  /** On the Deployment: the spec revision its pod template was rendered for ({@code adopt.SpecRevision}). */
  public static final String SPEC_REVISION = "milvus.io/spec-revision";

  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  /** The user upstream runs Milvus as with {@code runAsNonRoot}. */
  static final long NON_ROOT_UID = 1000L;

  private static final String LINK_CONFIG = "ln -sf " + CONFIG_DIR + "/user.yaml /milvus/configs/user.yaml";
  private static final String SUB_PROCESS = "--run-with-subprocess";
  /** Upstream's: the memory limit in GiB, which Milvus sizes its caches by. */
  static final EnvVar CACHE_SIZE = new EnvVarBuilder().withName("CACHE_SIZE").withNewValueFrom()
      .withNewResourceFieldRef().withResource("limits.memory").withDivisor(new Quantity("1Gi")).endResourceFieldRef()
      .endValueFrom().build();

  private ComponentDeployment() {}

  /**
   * @param revision the image (and config checksum, when config changes restart pods) this component runs now: the
   *     rollout decides; at rest, the spec's
   * @param strategy how the Deployment replaces its pods
   */
  public static Deployment render(RenderContext ctx, MilvusComponent component, PodRevision revision,
      DeploymentStrategy strategy, int progressDeadlineSeconds) {
    String image = revision.image();
    MilvusComponents global = ctx.spec().getComponents();
    Component own = component.specIn(global);
    Map<String, String> podLabels = mergedMaps(global, own, ComponentSpec::getPodLabels);
    podLabels.putAll(Labels.component(ctx.name(), component.label()));
    if (component.servesClients()) {
      podLabels.put(Labels.SERVICE, "true");
    }
    Map<String, String> podAnnotations = mergedMaps(global, own, ComponentSpec::getPodAnnotations);
    if (revision.configChecksum() != null) {
      podAnnotations.put(CONFIG_CHECKSUM, revision.configChecksum());
    }
    if (revision.secretsChecksum() != null) {
      podAnnotations.put(SECRETS_CHECKSUM, revision.secretsChecksum());
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    if (revision.specRevision() != null) {
      annotations.put(SPEC_REVISION, revision.specRevision());
    }
    if (revision.secretsChecksum() != null) {
      // also on the Deployment: recorded when a template is held as found, which has no such pod annotation
      annotations.put(SECRETS_CHECKSUM, revision.secretsChecksum());
    }

    return new DeploymentBuilder()
        .withNewMetadata()
          .withName(Names.deployment(ctx.name(), component))
          .withNamespace(ctx.namespace())
          .withLabels(Labels.component(ctx.name(), component.label()))
          .withAnnotations(annotations.isEmpty() ? null : annotations)
          .withOwnerReferences(ctx.owner())
        .endMetadata()
        .withNewSpec()
          .withReplicas(replicas(own))
          .withPaused(Boolean.TRUE.equals(merged(global, own, ComponentSpec::getPaused, false)) ? true : null)
          .withNewSelector().withMatchLabels(Labels.deploymentSelector(ctx.name(), component.label())).endSelector()
          .withStrategy(strategy)
          .withProgressDeadlineSeconds(progressDeadlineSeconds)
          .withNewTemplate()
            .withNewMetadata().withLabels(podLabels).withAnnotations(podAnnotations.isEmpty() ? null : podAnnotations)
            .endMetadata()
            .withSpec(podSpec(ctx, component, image, global, own))
          .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * -1 hands replicas to an autoscaler or {@code kubectl scale}: the operator never writes the count (absent, a new
   * Deployment starts with the API server's default of one pod, and an update keeps the live count).
   */
  private static Integer replicas(Component own) {
    Integer replicas = own.getReplicas();
    if (replicas == null) {
      return 1;
    }
    return replicas < 0 ? null : replicas;
  }

  private static PodSpec podSpec(
      RenderContext ctx, MilvusComponent component, String image, MilvusComponents global, Component own) {
    List<Volume> volumes = new ArrayList<>();
    for (Map<String, Object> volume : merged(global, own, ComponentSpec::getVolumes, List.<Map<String, Object>>of())) {
      volumes.add(JSON.convertValue(volume, Volume.class));
    }
    List<Volume> builtIn = new ArrayList<>();
    builtIn.add(new VolumeBuilder().withName(CONFIG_VOLUME)
        .withNewConfigMap().withName(Names.configMap(ctx.name())).endConfigMap().build());
    if (component == MilvusComponent.STANDALONE) {
      builtIn.add(dataVolume(ctx));
    }
    KafkaClientSecret.caVolume(ctx).ifPresent(builtIn::add);
    // upstream's names; like upstream, a user's volume of the same name gives way to the operator's
    builtIn.forEach(volume -> {
      volumes.removeIf(v -> volume.getName().equals(v.getName()));
      volumes.add(volume);
    });
    List<VolumeMount> mounts = VolumeMounts.of(List.of(configMount()), defaultMounts(ctx, component),
        global.getVolumeMounts(), own == null ? null : own.getVolumeMounts());
    PulsarClientToken.volume(ctx, volumes).ifPresent(token -> {
      volumes.add(token);
      mounts.add(PulsarClientToken.mount());
    });

    List<Container> containers = new ArrayList<>();
    containers.add(milvusContainer(ctx, component, image, global, own, mounts));
    if (own.getSidecars() != null) {
      own.getSidecars().forEach(s -> containers.add(JSON.convertValue(s, Container.class)));
    }
    List<Container> initContainers = own.getInitContainers() == null ? null
        : own.getInitContainers().stream().map(c -> JSON.convertValue(c, Container.class)).toList();

    return new PodSpecBuilder()
        .withContainers(containers)
        .withInitContainers(initContainers)
        .withVolumes(volumes)
        .withImagePullSecrets(merged(global, own, ComponentSpec::getImagePullSecrets, null))
        .withNodeSelector(merged(global, own, ComponentSpec::getNodeSelector, null))
        .withAffinity(merged(global, own, ComponentSpec::getAffinity, null))
        .withTolerations(merged(global, own, ComponentSpec::getTolerations, null))
        .withTopologySpreadConstraints(merged(global, own, ComponentSpec::getTopologySpreadConstraints, null))
        .withSchedulerName(merged(global, own, ComponentSpec::getSchedulerName, null))
        .withPriorityClassName(merged(global, own, ComponentSpec::getPriorityClassName, null))
        .withServiceAccountName(merged(global, own, ComponentSpec::getServiceAccountName, null))
        .withHostNetwork(merged(global, own, ComponentSpec::getHostNetwork, null))
        .withDnsPolicy(merged(global, own, ComponentSpec::getDnsPolicy, null))
        .withSecurityContext(Boolean.TRUE.equals(global.getRunAsNonRoot())
            ? new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(NON_ROOT_UID).build() : null)
        .build();
  }

  /** The ConfigMap's mount, which Milvus cannot run without. */
  private static VolumeMount configMount() {
    return new VolumeMountBuilder().withName(CONFIG_VOLUME).withMountPath(CONFIG_DIR).withReadOnly(true).build();
  }

  /** The operator's other mounts, which a user's {@code _remove} may take away. */
  private static List<VolumeMount> defaultMounts(RenderContext ctx, MilvusComponent component) {
    List<VolumeMount> mounts = new ArrayList<>();
    if (component == MilvusComponent.STANDALONE) {
      mounts.add(new VolumeMountBuilder().withName(DATA_VOLUME).withMountPath(DATA_DIR).build());
    }
    KafkaClientSecret.caMount(ctx).ifPresent(mounts::add);
    return mounts;
  }

  private static Volume dataVolume(RenderContext ctx) {
    Persistence persistence = BuiltInQueue.persistence(ctx.spec());
    if (persistence == null || !Boolean.TRUE.equals(persistence.getEnabled())) {
      return new VolumeBuilder().withName(DATA_VOLUME).withNewEmptyDir().endEmptyDir().build();
    }
    return new VolumeBuilder().withName(DATA_VOLUME)
        .withNewPersistentVolumeClaim().withClaimName(BuiltInQueue.claimName(ctx)).endPersistentVolumeClaim()
        .build();
  }

  private static Container milvusContainer(RenderContext ctx, MilvusComponent component, String image,
      MilvusComponents global, Component own, List<VolumeMount> mounts) {
    Map<String, Object> probes = merged(global, own, ComponentSpec::getProbes, Map.of());
    Map<String, Object> securityContext = merged(global, own, ComponentSpec::getSecurityContext, null);
    List<String> commands = merged(global, own, ComponentSpec::getCommands, List.of());
    boolean subProcess = Boolean.TRUE.equals(merged(global, own, ComponentSpec::getRunWithSubProcess, false));
    ContainerBuilder container = new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(image)
        .withImagePullPolicy(merged(global, own, ComponentSpec::getImagePullPolicy, null))
        .withArgs(commands.isEmpty() ? runArgs(component, subProcess) : runArgs(commands, subProcess))
        .withEnv(env(ctx, global, own))
        .addNewPort().withName("milvus").withContainerPort(MILVUS_PORT).withProtocol("TCP").endPort()
        .addNewPort().withName(METRICS_PORT_NAME).withContainerPort(METRICS_PORT).withProtocol("TCP").endPort();
    Integer restfulPort = component.servesClients() ? MilvusService.restfulPort(ctx) : null;
    if (restfulPort != null) {
      container.addNewPort().withName(RESTFUL_PORT).withContainerPort(restfulPort).withProtocol("TCP").endPort();
    }
    return container
        .withStartupProbe(probe(probes, "startupProbe", tcpProbe(10, 18)))
        .withLivenessProbe(probe(probes, "livenessProbe", tcpProbe(15, 3)))
        .withReadinessProbe(probe(probes, "readinessProbe", healthzProbe()))
        .withResources(merged(global, own, ComponentSpec::getResources, null))
        .withSecurityContext(securityContext == null ? null : JSON.convertValue(securityContext, SecurityContext.class))
        .withVolumeMounts(mounts)
        .build();
  }

  /**
   * Milvus reads {@code /milvus/configs/user.yaml} over its built-in milvus.yaml and reloads it when it changes. A
   * symlink into the mounted ConfigMap keeps that reload working (a subPath mount would never see updates), without
   * the init container upstream copies from the operator's own image (which restarted Milvus on operator upgrades).
   */
  static List<String> runArgs(MilvusComponent component, boolean subProcess) {
    return List.of("/bin/sh", "-c", LINK_CONFIG + " && exec milvus run " + component.role()
        + (subProcess ? " " + SUB_PROCESS : ""));
  }

  /** {@code commands} run after the same config link, as upstream's {@code run.sh <commands>} does. */
  static List<String> runArgs(List<String> commands, boolean subProcess) {
    List<String> args = new ArrayList<>(List.of("/bin/sh", "-c", LINK_CONFIG + " && exec \"$@\"", "run"));
    args.addAll(commands);
    if (subProcess) {
      args.add(SUB_PROCESS);
    }
    return args;
  }

  private static List<EnvVar> env(RenderContext ctx, MilvusComponents global, Component own) {
    Map<String, EnvVar> byName = new LinkedHashMap<>();
    String secret = StorageSecret.nameFor(ctx);
    if (secret != null) {
      for (String name : List.of("MINIO_ACCESS_KEY", "MINIO_ACCESS_KEY_ID")) {
        byName.put(name, secretEnv(name, secret, StorageSecret.ACCESS_KEY));
      }
      for (String name : List.of("MINIO_SECRET_KEY", "MINIO_SECRET_ACCESS_KEY")) {
        byName.put(name, secretEnv(name, secret, StorageSecret.SECRET_KEY));
      }
    }
    InClusterKafkaClient.env(ctx).forEach(e -> byName.put(e.getName(), e));
    KafkaClientSecret.env(ctx).forEach(e -> byName.put(e.getName(), e));
    byName.put(CACHE_SIZE.getName(), CACHE_SIZE);
    if (global.getEnv() != null) {
      global.getEnv().forEach(e -> byName.put(e.getName(), e));
    }
    if (own.getEnv() != null) {
      own.getEnv().forEach(e -> byName.put(e.getName(), e));
    }
    return List.copyOf(byName.values());
  }

  static EnvVar secretEnv(String name, String secret, String key) {
    return new EnvVarBuilder().withName(name)
        .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom()
        .build();
  }

  private static Probe probe(Map<String, Object> given, String key, Probe fallback) {
    Object value = given.get(key);
    return value == null ? fallback : JSON.convertValue(value, Probe.class);
  }

  private static Probe tcpProbe(int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewTcpSocket().withPort(new IntOrString(METRICS_PORT)).endTcpSocket()
        .withPeriodSeconds(periodSeconds).withFailureThreshold(failureThreshold).withTimeoutSeconds(3)
        .build();
  }

  private static Probe healthzProbe() {
    return new ProbeBuilder()
        .withNewHttpGet().withPath("/healthz").withPort(new IntOrString(METRICS_PORT)).endHttpGet()
        .withPeriodSeconds(15).withFailureThreshold(2).withTimeoutSeconds(3)
        .build();
  }

  /** The global entries, overridden by the component's own. */
  private static Map<String, String> mergedMaps(MilvusComponents global, Component own,
      Function<ComponentSpec, Map<String, String>> field) {
    Map<String, String> merged = new LinkedHashMap<>();
    Optional.ofNullable(field.apply(global)).ifPresent(merged::putAll);
    Optional.ofNullable(own).map(field).ifPresent(merged::putAll);
    return merged;
  }

  /** The component's own value when it sets one, else the global one, else {@code fallback}. */
  private static <T> T merged(MilvusComponents global, Component own, Function<ComponentSpec, T> field, T fallback) {
    T value = own == null ? null : field.apply(own);
    if (value != null) {
      return value;
    }
    value = field.apply(global);
    return value != null ? value : fallback;
  }
}
