package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * What a Kubernetes 1.31 API server fills in on the built-in kinds an operator writes, when it decodes a body
 * (the {@code SetDefaults_*} functions of {@code pkg/apis/core/v1/defaults.go}, {@code apps/v1/defaults.go} and
 * {@code batch/v1/defaults.go}) and, for pods, what the Priority, ServiceAccount and DefaultTolerationSeconds
 * admission plugins add. A field the client set is never changed. Pure: changes the object in place.
 * What the API server adds in the create itself follows: the ServiceAccount token volume ({@link ServiceAccounts}),
 * a claim's default StorageClass ({@link DefaultStorageClass}), a Service's cluster IP and node ports
 * ({@link ServiceAllocation}).
 */
final class BuiltinDefaults {

  private static final String FILESYSTEM = "Filesystem";
  private static final int DEFAULT_FILE_MODE = 420; // 0644
  private static final long DEFAULT_TOLERATION_SECONDS = 300;

  private BuiltinDefaults() {
  }

  /** Fills in the defaults of an object of {@code group/resource} (core group ""); other kinds are left alone. */
  static void apply(String group, String resource, ObjectNode object) {
    switch (group + "/" + resource) {
      case "/pods" -> pod(object);
      case "/services" -> service(object.with("spec"));
      case "/persistentvolumeclaims" -> {
        claimSpec(object.with("spec"));
        setIfAbsent(object.with("status"), "phase", "Pending");
      }
      case "/secrets" -> {
        setIfAbsent(object, "type", "Opaque");
        stringDataIntoData(object);
      }
      case "apps/deployments" -> deployment(object.with("spec"));
      case "apps/replicasets" -> {
        setIfAbsent(object.with("spec"), "replicas", 1);
        podTemplate(object.with("spec"));
      }
      case "apps/statefulsets" -> statefulSet(object.with("spec"));
      case "batch/jobs" -> job(object.with("spec"));
      default -> {
      }
    }
  }

  // --- apps/v1 ---

  private static void deployment(ObjectNode spec) {
    setIfAbsent(spec, "replicas", 1);
    ObjectNode strategy = spec.with("strategy");
    setIfAbsent(strategy, "type", "RollingUpdate");
    if ("RollingUpdate".equals(strategy.path("type").asText())) {
      ObjectNode rolling = strategy.with("rollingUpdate");
      setIfAbsent(rolling, "maxUnavailable", "25%");
      setIfAbsent(rolling, "maxSurge", "25%");
    }
    setIfAbsent(spec, "revisionHistoryLimit", 10);
    setIfAbsent(spec, "progressDeadlineSeconds", 600);
    podTemplate(spec);
  }

  private static void statefulSet(ObjectNode spec) {
    setIfAbsent(spec, "replicas", 1);
    setIfAbsent(spec, "podManagementPolicy", "OrderedReady");
    ObjectNode strategy = spec.with("updateStrategy");
    setIfAbsent(strategy, "type", "RollingUpdate");
    if ("RollingUpdate".equals(strategy.path("type").asText())) {
      setIfAbsent(strategy.with("rollingUpdate"), "partition", 0);
    }
    setIfAbsent(spec, "revisionHistoryLimit", 10);
    ObjectNode retention = spec.with("persistentVolumeClaimRetentionPolicy");
    setIfAbsent(retention, "whenDeleted", "Retain");
    setIfAbsent(retention, "whenScaled", "Retain");
    for (JsonNode template : spec.path("volumeClaimTemplates")) {
      if (template.isObject()) {
        claimSpec(((ObjectNode) template).with("spec"));
        setIfAbsent(((ObjectNode) template).with("status"), "phase", "Pending");
      }
    }
    podTemplate(spec);
  }

  // --- batch/v1 ---

  private static void job(ObjectNode spec) {
    if (!spec.hasNonNull("completions") && !spec.hasNonNull("parallelism")) {
      spec.put("completions", 1);
      spec.put("parallelism", 1);
    }
    setIfAbsent(spec, "parallelism", 1);
    setIfAbsent(spec, "backoffLimit", 6);
    setIfAbsent(spec, "completionMode", "NonIndexed");
    setIfAbsent(spec, "suspend", false);
    setIfAbsent(spec, "podReplacementPolicy", spec.hasNonNull("podFailurePolicy") ? "Failed" : "TerminatingOrFailed");
    podTemplate(spec);
  }

  /**
   * The Job strategy at create: unless {@code manualSelector} is true, the selector is the Job's uid and the pod
   * template carries it with the job name, in both the old and the {@code batch.kubernetes.io/} spelling.
   */
  static void generateJobSelector(ObjectNode job) {
    ObjectNode spec = job.with("spec");
    if (spec.path("manualSelector").asBoolean(false)) {
      return;
    }
    String uid = job.path("metadata").path("uid").asText("");
    String name = job.path("metadata").path("name").asText("");
    ObjectNode labels = spec.with("template").with("metadata").with("labels");
    labels.put("batch.kubernetes.io/controller-uid", uid).put("batch.kubernetes.io/job-name", name)
        .put("controller-uid", uid).put("job-name", name);
    if (!spec.hasNonNull("selector")) {
      spec.putObject("selector").putObject("matchLabels").put("batch.kubernetes.io/controller-uid", uid);
    }
  }

  // --- core/v1 ---

  private static void service(ObjectNode spec) {
    setIfAbsent(spec, "type", "ClusterIP");
    String type = spec.path("type").asText();
    setIfAbsent(spec, "sessionAffinity", "None");
    for (JsonNode port : spec.path("ports")) {
      if (port.isObject()) {
        ObjectNode p = (ObjectNode) port;
        setIfAbsent(p, "protocol", "TCP");
        JsonNode target = p.get("targetPort");
        if (target == null || target.isNull() || target.isIntegralNumber() && target.asInt() == 0
            || target.isTextual() && target.asText().isEmpty()) {
          p.set("targetPort", p.path("port").deepCopy());
        }
      }
    }
    if ("NodePort".equals(type) || "LoadBalancer".equals(type)) {
      setIfAbsent(spec, "externalTrafficPolicy", "Cluster");
    }
    if (!"ExternalName".equals(type)) {
      setIfAbsent(spec, "internalTrafficPolicy", "Cluster"); // the IP family fields: see ServiceAllocation
    }
    if ("LoadBalancer".equals(type)) {
      setIfAbsent(spec, "allocateLoadBalancerNodePorts", true);
    }
  }

  private static void claimSpec(ObjectNode spec) {
    setIfAbsent(spec, "volumeMode", FILESYSTEM);
  }

  private static void pod(ObjectNode pod) {
    ObjectNode spec = pod.with("spec");
    podSpec(spec, true);
    // SetDefaults_Pod: a Pod (not a template) requests what it limits, and links services into its environment
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode container : spec.path(list)) {
        JsonNode limits = container.path("resources").path("limits");
        if (container.isObject() && limits.isObject() && !limits.isEmpty()) {
          ObjectNode requests = ((ObjectNode) container).with("resources").with("requests");
          limits.fields().forEachRemaining(limit -> setIfAbsent(requests, limit.getKey(), limit.getValue()));
        }
      }
    }
    setIfAbsent(spec, "enableServiceLinks", true);
    // the Priority admission plugin (no priorityClassName: the cluster's default priority 0)
    if (!spec.hasNonNull("priorityClassName")) {
      setIfAbsent(spec, "priority", 0);
    }
    setIfAbsent(spec, "preemptionPolicy", "PreemptLowerPriority");
    // the ServiceAccount admission plugin
    setIfAbsent(spec, "serviceAccountName", "default");
    spec.put("serviceAccount", spec.path("serviceAccountName").asText());
    // the DefaultTolerationSeconds admission plugin
    ArrayNode tolerations = spec.hasNonNull("tolerations") ? (ArrayNode) spec.get("tolerations") : null;
    for (String taint : new String[] {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
      if (!toleratesNoExecute(tolerations, taint)) {
        if (tolerations == null) {
          tolerations = spec.putArray("tolerations");
        }
        tolerations.addObject().put("key", taint).put("operator", "Exists").put("effect", "NoExecute")
            .put("tolerationSeconds", DEFAULT_TOLERATION_SECONDS);
      }
    }
  }

  private static boolean toleratesNoExecute(ArrayNode tolerations, String taint) {
    if (tolerations == null) {
      return false;
    }
    for (JsonNode toleration : tolerations) {
      String effect = toleration.path("effect").asText("");
      boolean matchesKey = toleration.path("key").asText("").isEmpty() && "Exists".equals(toleration.path("operator").asText())
          || taint.equals(toleration.path("key").asText());
      if (matchesKey && (effect.isEmpty() || "NoExecute".equals(effect))) {
        return true;
      }
    }
    return false;
  }

  private static void podTemplate(ObjectNode workloadSpec) {
    podSpec(workloadSpec.with("template").with("spec"), false);
  }

  /**
   * SetDefaults_PodSpec and what it reaches: containers, ports, probes, env, volumes. A host-network pod's ports get
   * their host ports; a template's do not (the DefaultHostNetworkHostPortsInPodTemplates gate is off in 1.31).
   */
  private static void podSpec(ObjectNode spec, boolean pod) {
    setIfAbsent(spec, "dnsPolicy", "ClusterFirst");
    setIfAbsent(spec, "restartPolicy", "Always");
    setIfAbsent(spec, "terminationGracePeriodSeconds", 30);
    setIfAbsent(spec, "schedulerName", "default-scheduler");
    if (!spec.hasNonNull("securityContext")) {
      spec.putObject("securityContext");
    }
    if (spec.hasNonNull("serviceAccountName")) {
      spec.put("serviceAccount", spec.get("serviceAccountName").asText()); // the v1 form carries both
    } else if (spec.hasNonNull("serviceAccount")) {
      spec.put("serviceAccountName", spec.get("serviceAccount").asText());
    }
    boolean hostNetwork = pod && spec.path("hostNetwork").asBoolean(false);
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode container : spec.path(list)) {
        if (container.isObject()) {
          container((ObjectNode) container, hostNetwork);
        }
      }
    }
    for (JsonNode volume : spec.path("volumes")) {
      if (volume.isObject()) {
        volume((ObjectNode) volume);
      }
    }
  }

  private static void container(ObjectNode container, boolean hostNetwork) {
    setIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
    setIfAbsent(container, "terminationMessagePolicy", "File");
    setIfAbsent(container, "imagePullPolicy", pullPolicyFor(container.path("image").asText("")));
    for (JsonNode port : container.path("ports")) {
      if (port.isObject()) {
        setIfAbsent((ObjectNode) port, "protocol", "TCP");
        if (hostNetwork) {
          setIfAbsent((ObjectNode) port, "hostPort", port.path("containerPort").deepCopy());
        }
      }
    }
    for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
      if (container.path(probe).isObject()) {
        probe((ObjectNode) container.get(probe));
      }
    }
    for (JsonNode env : container.path("env")) {
      JsonNode fieldRef = env.path("valueFrom").path("fieldRef");
      if (fieldRef.isObject()) {
        setIfAbsent((ObjectNode) fieldRef, "apiVersion", "v1");
      }
    }
  }

  /** "latest" or no tag pulls every time; a tag or a digest only when the image is not present. */
  static String pullPolicyFor(String image) {
    if (image.contains("@")) {
      return "IfNotPresent";
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    String tag = colon > slash ? image.substring(colon + 1) : "";
    return tag.isEmpty() || "latest".equals(tag) ? "Always" : "IfNotPresent";
  }

  private static void probe(ObjectNode probe) {
    setIfAbsent(probe, "timeoutSeconds", 1);
    setIfAbsent(probe, "periodSeconds", 10);
    setIfAbsent(probe, "successThreshold", 1);
    setIfAbsent(probe, "failureThreshold", 3);
    if (probe.path("httpGet").isObject()) {
      ObjectNode get = (ObjectNode) probe.get("httpGet");
      setIfAbsent(get, "path", "/");
      setIfAbsent(get, "scheme", "HTTP");
    }
  }

  private static void volume(ObjectNode volume) {
    boolean hasSource = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = volume.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!"name".equals(field.getKey()) && !field.getValue().isNull()) {
        hasSource = true;
      }
    }
    if (!hasSource) {
      volume.putObject("emptyDir");
    }
    for (String source : new String[] {"configMap", "secret", "projected", "downwardAPI"}) {
      if (volume.path(source).isObject()) {
        setIfAbsent((ObjectNode) volume.get(source), "defaultMode", DEFAULT_FILE_MODE);
      }
    }
    if (volume.path("hostPath").isObject()) {
      setIfAbsent((ObjectNode) volume.get("hostPath"), "type", "");
    }
  }

  /**
   * As the conversion of a v1 Secret does before anything is stored: each {@code stringData} entry is written into
   * {@code data}, base64-encoded, over an entry of the same key; {@code stringData} is never stored nor returned.
   */
  private static void stringDataIntoData(ObjectNode secret) {
    if (!(secret.remove("stringData") instanceof ObjectNode entries)) {
      return;
    }
    ObjectNode data = secret.get("data") instanceof ObjectNode existing ? existing : secret.putObject("data");
    entries.fields().forEachRemaining(entry -> data.put(entry.getKey(), java.util.Base64.getEncoder()
        .encodeToString(entry.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  private static void setIfAbsent(ObjectNode object, String field, Object value) {
    if (object.hasNonNull(field) || value == null) {
      return;
    }
    if (value instanceof JsonNode node) {
      object.set(field, node.deepCopy());
    } else if (value instanceof String text) {
      object.put(field, text);
    } else if (value instanceof Integer number) {
      object.put(field, number);
    } else if (value instanceof Long number) {
      object.put(field, number);
    } else if (value instanceof Boolean flag) {
      object.put(field, flag);
    }
  }
}
