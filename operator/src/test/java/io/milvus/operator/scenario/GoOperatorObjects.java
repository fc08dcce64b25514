package io.milvus.operator.scenario;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.milvus.operator.api.v1beta1.Milvus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects the Go operator (zilliztech/milvus-operator v1.3.8) leaves for a Milvus, shaped as its source renders
 * them, for takeover tests: the Deployment {@code <cr>-milvus-<component>} (upstream's four-label selector, the
 * container named after the component, the init container {@code config}, volumes {@code milvus-config}, {@code tools}
 * and for standalone {@code milvus-data}), the ConfigMap {@code <cr>}, the Service {@code <cr>-milvus}, and the
 * dependencies its Helm releases installed ({@code app.kubernetes.io/managed-by: Helm}). Rolling mode 2's queryNode
 * pair is left to its own fixture: {@link #deployment} takes the name and extra labels for it.
 */
final class GoOperatorObjects {

  static final String TOOL_IMAGE = "milvusdb/milvus-operator:v1.3.8";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final int ONE_MONTH_SECONDS = 30 * 24 * 3600;

  private GoOperatorObjects() {}

  /**
   * A Milvus as the Go operator's webhook stored it: its finalizer, rolling mode 2, the in-cluster etcd and MinIO
   * addresses and MinIO's Secret filled in.
   *
   * @param components the components' YAML, one per line (under {@code spec.components})
   * @param queue the message queue's YAML, one per line (under {@code spec.dependencies})
   * @param inCluster the {@code inCluster} block of etcd and storage, as flow YAML
   */
  static String milvusYaml(String name, String image, String mode, String components, String queue,
      String inCluster) {
    return """
        apiVersion: milvus.io/v1beta1
        kind: Milvus
        metadata:
          name: %1$s
          finalizers: [milvus.milvus.io/finalizer]
        spec:
          mode: %3$s
          components:
            image: %2$s
            enableRollingUpdate: true
            imageUpdateMode: rollingUpgrade
            rollingMode: 2
        %4$s
          dependencies:
        %5$s
            etcd:
              endpoints: ["%1$s-etcd.default:2379"]
              inCluster: %6$s
            storage:
              type: MinIO
              endpoint: "%1$s-minio.default:9000"
              secretRef: %1$s-minio
              inCluster: %6$s
        """.formatted(name, image, mode, indented(components), indented(queue), inCluster);
  }

  private static String indented(String lines) {
    return lines.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  /** instance, name, managed-by: what upstream puts on everything of a Milvus. */
  static Map<String, String> appLabels(String cr) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/instance", cr);
    labels.put("app.kubernetes.io/name", "milvus");
    labels.put(MANAGED_BY, "milvus-operator");
    return labels;
  }

  /** Upstream's Deployment selector: the app labels and the component. */
  static Map<String, String> componentLabels(String cr, String component) {
    Map<String, String> labels = appLabels(cr);
    labels.put("app.kubernetes.io/component", component);
    return labels;
  }

  /** The Deployment of {@code component} running {@code image}, named as upstream names a single Deployment. */
  static Deployment deployment(Milvus milvus, String component, String image) {
    return deployment(milvus, component, image, milvus.getMetadata().getName() + "-milvus-" + component, Map.of());
  }

  /**
   * @param name the Deployment's name ({@code -querynode-0} for rolling mode 2's pair)
   * @param extraSelector labels added to the selector and the pods (rolling mode 2's group id)
   */
  static Deployment deployment(Milvus milvus, String component, String image, String name,
      Map<String, String> extraSelector) {
    String cr = milvus.getMetadata().getName();
    boolean serving = component.equals("proxy") || component.equals("standalone");
    Map<String, String> selector = componentLabels(cr, component);
    selector.putAll(extraSelector);
    Map<String, String> podLabels = new LinkedHashMap<>(selector);
    if (serving) {
      podLabels.put("milvus.io/service", "true");
    }
    List<Volume> volumes = new ArrayList<>(List.of(
        new VolumeBuilder().withName("milvus-config")
            .withNewConfigMap().withName(cr).withDefaultMode(0777).endConfigMap().build(),
        new VolumeBuilder().withName("tools").withNewEmptyDir().endEmptyDir().build()));
    List<VolumeMount> mounts = new ArrayList<>(List.of(
        mount("milvus-config", "/milvus/configs/operator", true), mount("tools", "/milvus/tools", false)));
    if (component.equals("standalone")) {
      volumes.add(new VolumeBuilder().withName("milvus-data").withNewEmptyDir().endEmptyDir().build());
      mounts.add(mount("milvus-data", "/var/lib/milvus", false));
    }
    List<ContainerPort> ports = new ArrayList<>();
    if (serving) {
      ports.add(port("milvus", 19530));
    }
    ports.add(port("metrics", 9091));
    ContainerBuilder milvusContainer = new ContainerBuilder()
        .withName(component)
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withArgs(runArgs(component))
        .withEnv(storageEnv(cr + "-minio"))
        .withPorts(ports)
        .withVolumeMounts(mounts)
        .withStartupProbe(tcpProbe(10, 18, 3))
        .withLivenessProbe(tcpProbe(15, 3, 10))
        .withReadinessProbe(new ProbeBuilder().withNewHttpGet().withPath("/healthz").withPort(new IntOrString(9091))
            .withScheme("HTTP").endHttpGet().withTimeoutSeconds(3).withPeriodSeconds(15).withFailureThreshold(2)
            .withSuccessThreshold(1).build())
        .withNewResources().endResources();
    if (serving) {
      milvusContainer.withNewLifecycle().withNewPreStop().withNewExec().withCommand("sleep", "30").endExec()
          .endPreStop().endLifecycle();
    }
    Container config = new ContainerBuilder()
        .withName("config")
        .withImage(TOOL_IMAGE)
        .withImagePullPolicy("IfNotPresent")
        .withCommand("/bin/sh")
        .withArgs("/init.sh")
        .withVolumeMounts(mount("milvus-config", "/milvus/configs/operator", true), mount("tools", "/milvus/tools", false))
        .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1000L).endSecurityContext()
        .build();
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace(milvus.getMetadata().getNamespace())
          .withLabels(selector).withOwnerReferences(owner(milvus))
        .endMetadata()
        .withNewSpec()
          .withReplicas(1)
          .withMinReadySeconds(30)
          .withProgressDeadlineSeconds(ONE_MONTH_SECONDS)
          .withNewSelector().withMatchLabels(selector).endSelector()
          .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
            .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate()
          .endStrategy()
          .withNewTemplate()
            .withNewMetadata().withLabels(podLabels)
              .withAnnotations(Map.of("checksum/config", "0123456789abcdef0123456789abcdef",
                  "milvus.io/using-configmap", cr))
            .endMetadata()
            .withNewSpec()
              .withInitContainers(config)
              .withContainers(milvusContainer.build())
              .withVolumes(volumes)
              .withTerminationGracePeriodSeconds((long) ONE_MONTH_SECONDS)
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  /** The ConfigMap {@code <cr>}: upstream's template rendered, formatted as Go's YAML library writes it. */
  static ConfigMap configMap(Milvus milvus, String userYaml) {
    return new ConfigMapBuilder()
        .withNewMetadata().withName(milvus.getMetadata().getName()).withNamespace(milvus.getMetadata().getNamespace())
          .withLabels(appLabels(milvus.getMetadata().getName())).withOwnerReferences(owner(milvus))
        .endMetadata()
        .withData(Map.of("user.yaml", userYaml))
        .build();
  }

  /** The Service {@code <cr>-milvus}, selecting the serving pods by upstream's labels. */
  static Service service(Milvus milvus) {
    String cr = milvus.getMetadata().getName();
    Map<String, String> selector = appLabels(cr);
    selector.put("milvus.io/service", "true");
    return new ServiceBuilder()
        .withNewMetadata().withName(cr + "-milvus").withNamespace(milvus.getMetadata().getNamespace())
          .withLabels(appLabels(cr)).withOwnerReferences(owner(milvus))
        .endMetadata()
        .withNewSpec()
          .withType("ClusterIP")
          .withSelector(selector)
          .addNewPort().withName("milvus").withProtocol("TCP").withPort(19530)
            .withTargetPort(new IntOrString("milvus")).endPort()
          .addNewPort().withName("metrics").withProtocol("TCP").withPort(9091)
            .withTargetPort(new IntOrString("metrics")).endPort()
        .endSpec()
        .build();
  }

  /**
   * What a Helm release of a dependency leaves: a StatefulSet and a Service named {@code <cr>-<dependency>}, labelled
   * managed-by Helm and not owned by the Milvus (the Go operator installs and uninstalls the release itself).
   */
  static List<HasMetadata> helmDependency(Milvus milvus, String dependency, String image, int port) {
    String release = milvus.getMetadata().getName() + "-" + dependency;
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", dependency);
    labels.put("app.kubernetes.io/instance", release);
    labels.put(MANAGED_BY, "Helm");
    Map<String, String> annotations = Map.of("meta.helm.sh/release-name", release,
        "meta.helm.sh/release-namespace", milvus.getMetadata().getNamespace());
    StatefulSet statefulSet = new StatefulSetBuilder()
        .withNewMetadata().withName(release).withNamespace(milvus.getMetadata().getNamespace())
          .withLabels(labels).withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
          .withReplicas(1)
          .withServiceName(release + "-headless")
          .withNewSelector().withMatchLabels(Map.of("app.kubernetes.io/name", dependency,
              "app.kubernetes.io/instance", release)).endSelector()
          .withNewTemplate()
            .withNewMetadata().withLabels(labels).endMetadata()
            .withNewSpec()
              .addNewContainer().withName(dependency).withImage(image).withPorts(port("client", port)).endContainer()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
    Service service = new ServiceBuilder()
        .withNewMetadata().withName(release).withNamespace(milvus.getMetadata().getNamespace())
          .withLabels(labels).withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
          .withSelector(Map.of("app.kubernetes.io/name", dependency, "app.kubernetes.io/instance", release))
          .addNewPort().withName("client").withPort(port).withTargetPort(new IntOrString(port)).endPort()
        .endSpec()
        .build();
    return List.of(statefulSet, service);
  }

  /** The MinIO chart's Secret {@code <cr>-minio}, which the Go operator names in {@code storage.secretRef}. */
  static Secret helmMinioSecret(Milvus milvus) {
    return new SecretBuilder()
        .withNewMetadata().withName(milvus.getMetadata().getName() + "-minio")
          .withNamespace(milvus.getMetadata().getNamespace())
          .withLabels(Map.of(MANAGED_BY, "Helm"))
        .endMetadata()
        .withStringData(Map.of("accesskey", "minioadmin", "secretkey", "minioadmin"))
        .build();
  }

  private static List<String> runArgs(String component) {
    List<String> args = new ArrayList<>(List.of("/milvus/tools/run.sh", "milvus", "run"));
    if (component.equals("mixcoord")) {
      args.addAll(List.of("mixture", "-rootcoord", "-querycoord", "-datacoord", "-indexcoord"));
    } else {
      args.add(component);
    }
    return args;
  }

  private static List<EnvVar> storageEnv(String secret) {
    List<EnvVar> env = new ArrayList<>();
    for (String[] pair : new String[][] {{"MINIO_ACCESS_KEY", "accesskey"}, {"MINIO_ACCESS_KEY_ID", "accesskey"},
        {"MINIO_SECRET_KEY", "secretkey"}, {"MINIO_SECRET_ACCESS_KEY", "secretkey"}}) {
      env.add(new EnvVarBuilder().withName(pair[0]).withNewValueFrom().withNewSecretKeyRef().withName(secret)
          .withKey(pair[1]).endSecretKeyRef().endValueFrom().build());
    }
    return env;
  }

  private static VolumeMount mount(String name, String path, boolean readOnly) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(readOnly ? true : null).build();
  }

  private static ContainerPort port(String name, int port) {
    return new ContainerPortBuilder().withName(name).withContainerPort(port).withProtocol("TCP").build();
  }

  private static Probe tcpProbe(int period, int failureThreshold, int timeout) {
    return new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(9091)).endTcpSocket()
        .withTimeoutSeconds(timeout).withPeriodSeconds(period).withFailureThreshold(failureThreshold)
        .withSuccessThreshold(1).build();
  }

  private static OwnerReference owner(Milvus milvus) {
    return new OwnerReferenceBuilder().withApiVersion("milvus.io/v1beta1").withKind("Milvus")
        .withName(milvus.getMetadata().getName()).withUid(milvus.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }
}
