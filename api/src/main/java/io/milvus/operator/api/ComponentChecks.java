package io.milvus.operator.api;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.milvus.operator.api.v1beta1.Component;
import io.milvus.operator.api.v1beta1.ComponentSpec;
import io.milvus.operator.api.v1beta1.HpaSpec;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.api.v1beta1.ServiceComponent;
import io.milvus.operator.api.v1beta1.WorkerComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of {@code spec.components}: the shared settings and each component. */
final class ComponentChecks {

  static final List<String> IMAGE_UPDATE_MODES = List.of("rollingUpgrade", "rollingDowngrade", "all", "force");
  static final List<String> TARGET_PORT_TYPES = List.of("string", "integer");
  static final List<String> IMAGE_PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  static final List<String> DNS_POLICIES = List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None");
  static final List<String> SERVICE_TYPES = List.of("ClusterIP", "NodePort", "LoadBalancer");
  static final List<String> PROBES = List.of("startupProbe", "livenessProbe", "readinessProbe");
  static final Set<Integer> ROLLING_MODES = Set.of(0, 2, 3);
  static final List<String> SEPARATE_COORDINATORS = List.of("rootCoord", "dataCoord", "queryCoord", "indexCoord");
  /** Upstream runs CDC only from this version on. */
  static final MilvusVersion CDC_MINIMUM = MilvusVersion.of(2, 6, 6);

  private static final String PATH = "spec.components";
  private static final Pattern PROMETHEUS_DURATION =
      Pattern.compile("0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?");
  private static final Pattern PROMETHEUS_LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private ComponentChecks() {}

  static void check(Problems problems, MilvusComponents components, boolean cluster) {
    if (components == null) {
      return;
    }
    problems.oneOf(PATH + ".imageUpdateMode", components.getImageUpdateMode(), IMAGE_UPDATE_MODES);
    problems.oneOf(PATH + ".targetPortType", components.getTargetPortType(), TARGET_PORT_TYPES);
    Integer rollingMode = components.getRollingMode();
    if (rollingMode != null && !ROLLING_MODES.contains(rollingMode)) {
      problems.add(PATH + ".rollingMode", "rollingMode must be 2 (blue/green queryNode) or 3 (blue/green for every"
          + " component), or unset, got " + rollingMode);
    }
    String interval = components.getMetricInterval();
    if (!Problems.isBlank(interval) && !PROMETHEUS_DURATION.matcher(interval).matches()) {
      problems.add(PATH + ".metricInterval", "metricInterval must be a duration like 30s or 1m30s, got \"" + interval + "\"");
    }
    if (components.getMetricLabels() != null) {
      components.getMetricLabels().keySet().stream()
          .filter(name -> !PROMETHEUS_LABEL_NAME.matcher(name).matches())
          .forEach(name -> problems.add(PATH + ".metricLabels[" + name + "]",
              "metric label \"" + name + "\" must be letters, digits and '_', not starting with a digit"));
    }
    problems.image(PATH + ".toolImage", components.getToolImage());
    problems.image(PATH + ".dummyImage", components.getDummyImage());
    problems.objectName(PATH + ".activeConfigMap", components.getActiveConfigMap(), "ConfigMap");
    podSettings(problems, PATH, components);
    for (NamedComponent named : NamedComponent.present(components)) {
      component(problems, PATH + "." + named.name(), named);
    }
    if (cluster) {
      coordinatorLayout(problems, components);
    }
    cdcVersion(problems, components);
    volumeMounts(problems, components, cluster);
  }

  /**
   * Every mount names a volume of its pod: the component's volumes (or the shared ones), or the operator's own
   * ("config" in every pod, "data" in standalone's). Kubernetes refuses a pod template with a mount of an unknown volume, so such a spec
   * could never run.
   */
  private static void volumeMounts(Problems problems, MilvusComponents components, boolean cluster) {
    Set<String> reported = new java.util.HashSet<>();
    mountsOf(problems, PATH, components, null, cluster ? List.of("config") : List.of("config", "data"), reported);
    for (NamedComponent named : NamedComponent.present(components)) {
      List<String> operatorVolumes = "standalone".equals(named.name()) ? List.of("config", "data") : List.of("config");
      mountsOf(problems, PATH + "." + named.name(), components, named.component(), operatorVolumes, reported);
    }
  }

  private static void mountsOf(Problems problems, String path, MilvusComponents global, Component own,
      List<String> operatorVolumes, Set<String> reported) {
    boolean ownMounts = own != null && own.getVolumeMounts() != null;
    List<io.fabric8.kubernetes.api.model.VolumeMount> mounts = ownMounts ? own.getVolumeMounts() : global.getVolumeMounts();
    List<Map<String, Object>> volumes = own != null && own.getVolumes() != null ? own.getVolumes() : global.getVolumes();
    if (mounts == null) {
      return;
    }
    Set<String> declared = new java.util.HashSet<>(operatorVolumes);
    if (volumes != null) {
      volumes.stream().filter(v -> v != null && v.get("name") != null).forEach(v -> declared.add(String.valueOf(v.get("name"))));
    }
    String mountsPath = (ownMounts ? path : PATH) + ".volumeMounts";
    for (int i = 0; i < mounts.size(); i++) {
      String name = mounts.get(i) == null ? null : mounts.get(i).getName();
      String field = mountsPath + "[" + i + "].name";
      if (!declared.contains(name) && reported.add(field)) {
        problems.add(field, "volumeMount \"" + name + "\" names no volume: declare it in " + path
            + ".volumes (or spec.components.volumes), or remove the mount");
      }
    }
  }

  /** Settings of the pod, shared ({@code spec.components}) or per component. */
  private static void podSettings(Problems problems, String path, ComponentSpec spec) {
    problems.image(path + ".image", spec.getImage());
    String version = spec.getVersion();
    if (!Problems.isBlank(version) && MilvusVersion.parse(version).isEmpty()) {
      problems.add(path + ".version", "version must be a Milvus version like v2.4.23, got \"" + version + "\"");
    }
    problems.oneOf(path + ".imagePullPolicy", spec.getImagePullPolicy(), IMAGE_PULL_POLICIES);
    problems.oneOf(path + ".dnsPolicy", spec.getDnsPolicy(), DNS_POLICIES);
    problems.labels(path + ".podLabels", spec.getPodLabels());
    problems.annotations(path + ".podAnnotations", spec.getPodAnnotations());
    problems.labels(path + ".nodeSelector", spec.getNodeSelector());
    problems.objectName(path + ".serviceAccountName", spec.getServiceAccountName(), "ServiceAccount");
    problems.objectName(path + ".priorityClassName", spec.getPriorityClassName(), "PriorityClass");
    List<LocalObjectReference> pullSecrets = spec.getImagePullSecrets();
    if (pullSecrets != null) {
      for (int i = 0; i < pullSecrets.size(); i++) {
        LocalObjectReference secret = pullSecrets.get(i);
        problems.objectName(path + ".imagePullSecrets[" + i + "].name", secret == null ? null : secret.getName(), "Secret");
      }
    }
    Map<String, Object> probes = spec.getProbes();
    if (probes != null) {
      probes.keySet().stream().filter(probe -> !PROBES.contains(probe)).forEach(probe -> problems.add(
          path + ".probes." + probe,
          "probes takes " + Problems.alternatives(PROBES) + ", got \"" + probe + "\""));
    }
  }

  private static void component(Problems problems, String path, NamedComponent named) {
    Component component = named.component();
    podSettings(problems, path, component);
    replicas(problems, path + ".replicas", component.getReplicas());
    hpa(problems, path + ".hpa", component.getHpa());
    if (component instanceof ServiceComponent service) {
      problems.oneOf(path + ".serviceType", service.getServiceType(), SERVICE_TYPES);
      port(problems, path + ".port", service.getPort(), "0 or unset means 19530");
      port(problems, path + ".serviceRestfulPort", service.getServiceRestfulPort(), "0 or unset means none");
      problems.labels(path + ".serviceLabels", service.getServiceLabels());
      problems.annotations(path + ".serviceAnnotations", service.getServiceAnnotations());
      if (service.getIngress() != null) {
        problems.labels(path + ".ingress.labels", service.getIngress().getLabels());
        problems.annotations(path + ".ingress.annotations", service.getIngress().getAnnotations());
      }
    }
    DeploymentGroupChecks.check(problems, path, named);
    if (component instanceof WorkerComponent worker && worker.getStatefulSet() != null
        && !DeploymentGroupChecks.STATEFUL_SET_COMPONENTS.contains(named.name())) {
      problems.add(path + ".statefulSet", "statefulSet is supported on "
          + Problems.alternatives(DeploymentGroupChecks.STATEFUL_SET_COMPONENTS) + " only, not on " + named.name());
    }
  }

  static void replicas(Problems problems, String field, Integer replicas) {
    if (replicas != null && replicas < -1) {
      problems.add(field, "replicas must be -1 (autoscaled) or more, got " + replicas);
    }
  }

  private static void port(Problems problems, String field, Integer port, String defaultMeaning) {
    if (port != null && (port < 0 || port > 65535)) {
      problems.add(field, Problems.lastSegment(field) + " must be between 1 and 65535 (" + defaultMeaning + "), got " + port);
    }
  }

  private static void hpa(Problems problems, String path, HpaSpec hpa) {
    if (hpa == null) {
      return;
    }
    Integer min = hpa.getMinReplicas();
    Integer max = hpa.getMaxReplicas();
    if (min != null && min < 1) {
      problems.add(path + ".minReplicas", "hpa.minReplicas must be 1 or more, got " + min);
    }
    if (max == null) {
      problems.add(path + ".maxReplicas", "hpa needs maxReplicas, the most pods the autoscaler may run");
    } else if (max < 1) {
      problems.add(path + ".maxReplicas", "hpa.maxReplicas must be 1 or more, got " + max);
    } else if (min != null && min > max) {
      problems.add(path + ".minReplicas", "hpa.minReplicas (" + min + ") must not exceed hpa.maxReplicas (" + max + ")");
    }
  }

  /** mixCoord runs the four coordinators in one process: both layouts at once would run two of each. */
  private static void coordinatorLayout(Problems problems, MilvusComponents components) {
    if (components.getMixCoord() == null) {
      return;
    }
    List<String> separate = NamedComponent.present(components).stream()
        .map(NamedComponent::name)
        .filter(SEPARATE_COORDINATORS::contains)
        .toList();
    if (!separate.isEmpty()) {
      problems.add(PATH + ".mixCoord", "mixCoord replaces rootCoord, dataCoord, queryCoord and indexCoord: remove "
          + Problems.alternatives(separate).replace(" or ", " and ") + ", or remove mixCoord");
    }
  }

  private static void cdcVersion(Problems problems, MilvusComponents components) {
    Component cdc = components.getCdc();
    if (cdc == null) {
      return;
    }
    String version = Problems.isBlank(cdc.getVersion()) ? components.getVersion() : cdc.getVersion();
    String image = Problems.isBlank(cdc.getImage()) ? components.getImage() : cdc.getImage();
    Optional<MilvusVersion> known = MilvusVersion.of(version, image);
    known.filter(v -> v.compareTo(CDC_MINIMUM) < 0).ifPresent(v -> problems.add(PATH + ".cdc",
        "cdc needs Milvus " + CDC_MINIMUM + " or later, but the image is " + v + ": remove cdc or upgrade Milvus first"));
  }
}
