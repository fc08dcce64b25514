package io.milvus.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
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
import java.util.function.Function;

/** The Deployment {@code <cr>-milvus-<component>}: pod settings merged global → component, as upstream does. */
public final class ComponentDeployment {

  public static final String CONTAINER = "milvus";
  public static final int MILVUS_PORT = 19530;
  public static final int METRICS_PORT = 9091;
  static final String CONFIG_DIR = "/milvus/configs/operator";
  static final String DATA_DIR = "/var/lib/milvus";
  /** Annotation on the pod template that rolls the pods when the config changes and updateConfigMapOnly is false. */
  public static final String CONFIG_CHECKSUM = "checksum/config";

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

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
    Map<String, String> podLabels = new LinkedHashMap<>(merged(global, own, ComponentSpec::getPodLabels, Map.of()));
    podLabels.putAll(Labels.component(ctx.name(), component.label()));
    if (component.servesClients()) {
      podLabels.put(Labels.SERVICE, "true");
    }
    Map<String, String> podAnnotations = new LinkedHashMap<>(merged(global, own, ComponentSpec::getPodAnnotations, Map.of()));
    if (revision.configChecksum() != null) {
      podAnnotations.put(CONFIG_CHECKSUM, revision.configChecksum());
    }

    return new DeploymentBuilder()
        .withNewMetadata()
          .withName(Names.deployment(ctx.name(), component))
          .withNamespace(ctx.namespace())
          .withLabels(Labels.component(ctx.name(), component.label()))
          .withOwnerReferences(ctx.owner())
        .endMetadata()
        .withNewSpec()
          .withReplicas(replicas(own))
          .withPaused(Boolean.TRUE.equals(merged(global, own, ComponentSpec::getPaused, false)) ? true : null)
          .withNewSelector().withMatchLabels(Labels.selector(ctx.name(), component.label())).endSelector()
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
    volumes.add(new VolumeBuilder().withName("config")
        .withNewConfigMap().withName(Names.configMap(ctx.name())).endConfigMap().build());
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(new VolumeMountBuilder().withName("config").withMountPath(CONFIG_DIR).build());
    if (component == MilvusComponent.STANDALONE) {
      volumes.add(dataVolume(ctx));
      mounts.add(new VolumeMountBuilder().withName("data").withMountPath(DATA_DIR).build());
    }
    for (Map<String, Object> volume : merged(global, own, ComponentSpec::getVolumes, List.<Map<String, Object>>of())) {
      volumes.add(JSON.convertValue(volume, Volume.class));
    }
    mounts.addAll(merged(global, own, ComponentSpec::getVolumeMounts, List.of()));
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
        .build();
  }

  private static Volume dataVolume(RenderContext ctx) {
    Persistence persistence = BuiltInQueue.persistence(ctx.spec());
    if (persistence == null || !Boolean.TRUE.equals(persistence.getEnabled())) {
      return new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build();
    }
    return new VolumeBuilder().withName("data")
        .withNewPersistentVolumeClaim().withClaimName(BuiltInQueue.claimName(ctx)).endPersistentVolumeClaim()
        .build();
  }

  private static Container milvusContainer(RenderContext ctx, MilvusComponent component, String image,
      MilvusComponents global, Component own, List<VolumeMount> mounts) {
    Map<String, Object> probes = merged(global, own, ComponentSpec::getProbes, Map.of());
    Map<String, Object> securityContext = merged(global, own, ComponentSpec::getSecurityContext, null);
    List<String> commands = merged(global, own, ComponentSpec::getCommands, null);
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(image)
        .withImagePullPolicy(merged(global, own, ComponentSpec::getImagePullPolicy, null))
        .withArgs(commands != null ? commands : runArgs(component))
        .withEnv(env(ctx, global, own))
        .addNewPort().withName("milvus").withContainerPort(MILVUS_PORT).withProtocol("TCP").endPort()
        .addNewPort().withName("metrics").withContainerPort(METRICS_PORT).withProtocol("TCP").endPort()
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
  static List<String> runArgs(MilvusComponent component) {
    return List.of("/bin/sh", "-c",
        "ln -sf " + CONFIG_DIR + "/user.yaml /milvus/configs/user.yaml && exec milvus run " + component.role());
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
    if (global.getEnv() != null) {
      global.getEnv().forEach(e -> byName.put(e.getName(), e));
    }
    if (own.getEnv() != null) {
      own.getEnv().forEach(e -> byName.put(e.getName(), e));
    }
    return List.copyOf(byName.values());
  }

  private static EnvVar secretEnv(String name, String secret, String key) {
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
