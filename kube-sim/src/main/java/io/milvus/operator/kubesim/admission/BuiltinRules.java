package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The API server's validation of the built-in kinds an operator writes: one row per resource, with how its names
 * are checked and its create and update rules. Pure: objects in, the server's field errors out.
 */
final class BuiltinRules {

  /** One built-in resource: its kind, name syntax, scope and rules (update rules get the new, then the old object). */
  record Kind(String kind, NameRules.NameFormat names, boolean namespaced,
              Function<JsonNode, List<FieldError>> onWrite, BiFunction<JsonNode, JsonNode, List<FieldError>> onUpdate) {
  }

  private static final List<String> ALWAYS = List.of("Always");
  private static final List<String> JOB_RESTART = List.of("OnFailure", "Never");
  private static final List<String> ANY_RESTART = List.of("Always", "OnFailure", "Never");
  private static final List<String> SERVICE_TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  private static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce",
      "ReadWriteOncePod");
  private static final String STATEFULSET_FORBIDDEN = "updates to statefulset spec for fields other than 'replicas', "
      + "'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
  private static final String PVC_IMMUTABLE =
      "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";

  private static final BiFunction<JsonNode, JsonNode, List<FieldError>> NO_UPDATE_RULES = (n, o) -> List.of();
  private static final Function<JsonNode, List<FieldError>> NO_RULES = o -> List.of();

  private static final Map<String, Kind> KINDS = Map.ofEntries(
      Map.entry("/pods", new Kind("Pod", NameRules.NameFormat.DNS1123_SUBDOMAIN, true,
          o -> PodSpecRules.validate(o.path("spec"), "spec", ANY_RESTART), PodUpdateRules::validate)),
      Map.entry("/services", new Kind("Service", NameRules.NameFormat.DNS1035_LABEL, true,
          BuiltinRules::service, BuiltinRules::serviceUpdate)),
      Map.entry("/configmaps", new Kind("ConfigMap", NameRules.NameFormat.DNS1123_SUBDOMAIN, true,
          o -> dataKeys(o, "data", "binaryData"), NO_UPDATE_RULES)),
      Map.entry("/secrets", new Kind("Secret", NameRules.NameFormat.DNS1123_SUBDOMAIN, true,
          o -> dataKeys(o, "data", "stringData"), BuiltinRules::secretUpdate)),
      Map.entry("/persistentvolumeclaims", new Kind("PersistentVolumeClaim", NameRules.NameFormat.DNS1123_SUBDOMAIN,
          true, o -> claimSpec(o.path("spec"), "spec"), BuiltinRules::claimUpdate)),
      Map.entry("/serviceaccounts", new Kind("ServiceAccount", NameRules.NameFormat.DNS1123_SUBDOMAIN, true,
          NO_RULES, NO_UPDATE_RULES)),
      Map.entry("/events", new Kind("Event", NameRules.NameFormat.DNS1123_SUBDOMAIN, true,
          BuiltinRules::event, NO_UPDATE_RULES)),
      Map.entry("/namespaces", new Kind("Namespace", NameRules.NameFormat.DNS1123_LABEL, false,
          NO_RULES, NO_UPDATE_RULES)),
      Map.entry("apps/deployments", new Kind("Deployment", NameRules.NameFormat.DNS1123_SUBDOMAIN, true,
          BuiltinRules::deployment, BuiltinRules::selectorUnchanged)),
      Map.entry("apps/replicasets", new Kind("ReplicaSet", NameRules.NameFormat.DNS1123_SUBDOMAIN, true,
          o -> workload(o, ALWAYS), BuiltinRules::selectorUnchanged)),
      Map.entry("apps/statefulsets", new Kind("StatefulSet", NameRules.NameFormat.DNS1123_SUBDOMAIN, true,
          BuiltinRules::statefulSet, BuiltinRules::statefulSetUpdate)),
      Map.entry("batch/jobs", new Kind("Job", NameRules.NameFormat.DNS1123_SUBDOMAIN, true,
          BuiltinRules::job, BuiltinRules::jobUpdate)),
      Map.entry("coordination.k8s.io/leases", new Kind("Lease", NameRules.NameFormat.DNS1123_SUBDOMAIN, true,
          BuiltinRules::lease, NO_UPDATE_RULES)),
      Map.entry("events.k8s.io/events", new Kind("Event", NameRules.NameFormat.DNS1123_SUBDOMAIN, true,
          NO_RULES, NO_UPDATE_RULES)));

  private BuiltinRules() {
  }

  static Optional<Kind> of(String group, String resource) {
    return Optional.ofNullable(KINDS.get(group + "/" + resource));
  }

  /** Every error of writing {@code object} (over {@code old}, null on create) of this kind. */
  static List<FieldError> validate(Kind kind, JsonNode object, JsonNode old) {
    List<FieldError> errors = new ArrayList<>(MetaRules.validate(object.path("metadata"), kind.names(), kind.namespaced()));
    errors.addAll(kind.onWrite().apply(object));
    if (old != null) {
      errors.addAll(kind.onUpdate().apply(object, old));
    }
    return errors;
  }

  // --- workloads ---

  private static List<FieldError> deployment(JsonNode deployment) {
    List<FieldError> errors = workload(deployment, ALWAYS);
    JsonNode spec = deployment.path("spec");
    JsonNode strategy = spec.path("strategy");
    if (strategy.hasNonNull("type") && !List.of("Recreate", "RollingUpdate").contains(strategy.get("type").asText())) {
      errors.add(FieldError.notSupported("spec.strategy.type", strategy.get("type").asText(), List.of("Recreate", "RollingUpdate")));
    }
    JsonNode rolling = strategy.path("rollingUpdate");
    if (isZero(rolling.get("maxUnavailable")) && isZero(rolling.get("maxSurge"))) {
      errors.add(FieldError.invalid("spec.strategy.rollingUpdate.maxUnavailable", rolling.get("maxUnavailable"),
          "may not be 0 when `maxSurge` is 0"));
    }
    nonNegative(spec, "revisionHistoryLimit", "spec", errors);
    if (spec.has("progressDeadlineSeconds") && spec.path("progressDeadlineSeconds").asInt()
        <= spec.path("minReadySeconds").asInt(0)) {
      errors.add(FieldError.invalid("spec.progressDeadlineSeconds", spec.get("progressDeadlineSeconds"),
          "must be greater than minReadySeconds"));
    }
    return errors;
  }

  private static List<FieldError> statefulSet(JsonNode sts) {
    Set<String> claims = new HashSet<>();
    sts.path("spec").path("volumeClaimTemplates").forEach(t -> claims.add(t.path("metadata").path("name").asText()));
    List<FieldError> errors = workload(sts, ALWAYS, claims);
    JsonNode spec = sts.path("spec");
    if (spec.hasNonNull("podManagementPolicy")
        && !List.of("OrderedReady", "Parallel").contains(spec.get("podManagementPolicy").asText())) {
      errors.add(FieldError.notSupported("spec.podManagementPolicy", spec.get("podManagementPolicy").asText(),
          List.of("OrderedReady", "Parallel")));
    }
    JsonNode strategy = spec.path("updateStrategy").path("type");
    if (!strategy.isMissingNode() && !List.of("OnDelete", "RollingUpdate").contains(strategy.asText())) {
      errors.add(FieldError.notSupported("spec.updateStrategy.type", strategy.asText(), List.of("OnDelete", "RollingUpdate")));
    }
    JsonNode templates = spec.path("volumeClaimTemplates");
    for (int i = 0; i < templates.size(); i++) {
      errors.addAll(claimSpec(templates.get(i).path("spec"), "spec.volumeClaimTemplates[" + i + "].spec"));
    }
    return errors;
  }

  private static List<FieldError> job(JsonNode job) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode spec = job.path("spec");
    for (String field : List.of("parallelism", "completions", "backoffLimit", "activeDeadlineSeconds")) {
      nonNegative(spec, field, "spec", errors);
    }
    JsonNode template = spec.path("template");
    errors.addAll(MetaRules.labels(template.path("metadata").path("labels"), "spec.template.metadata.labels"));
    if (template.path("spec").path("restartPolicy").asText("").isEmpty()) {
      errors.add(FieldError.required("spec.template.spec.restartPolicy", "valid values: \"OnFailure\", \"Never\""));
    }
    errors.addAll(PodSpecRules.validate(template.path("spec"), "spec.template.spec", JOB_RESTART));
    if (spec.has("selector") && spec.path("manualSelector").asBoolean(false)) {
      errors.addAll(selectorMatches(spec.get("selector"), template.path("metadata").path("labels")));
    } else if (!spec.path("manualSelector").asBoolean(false)) {
      // ValidateGeneratedSelector: without manualSelector the selector is the server's, on the Job's uid
      String uid = job.path("metadata").path("uid").asText("");
      JsonNode selector = spec.path("selector");
      boolean generated = selector.path("matchLabels").size() == 1
          && uid.equals(selector.path("matchLabels").path("batch.kubernetes.io/controller-uid").asText())
          && selector.path("matchExpressions").isEmpty()
          && uid.equals(template.path("metadata").path("labels").path("batch.kubernetes.io/controller-uid").asText());
      if (!generated) {
        errors.add(FieldError.invalid("spec.selector", selector, "`selector` not auto-generated"));
      }
    }
    return errors;
  }

  private static List<FieldError> workload(JsonNode object, List<String> restartPolicies) {
    return workload(object, restartPolicies, Set.of());
  }

  /** Replicas, selector, template: what Deployments, ReplicaSets and StatefulSets share. */
  private static List<FieldError> workload(JsonNode object, List<String> restartPolicies, Set<String> claimVolumes) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode spec = object.path("spec");
    nonNegative(spec, "replicas", "spec", errors);
    nonNegative(spec, "minReadySeconds", "spec", errors);
    JsonNode selector = spec.get("selector");
    JsonNode template = spec.path("template");
    if (selector == null || selector.isNull()) {
      errors.add(FieldError.required("spec.selector", null));
    } else if (selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty()) {
      errors.add(FieldError.invalid("spec.selector", selector, "empty selector is invalid for deployment"));
    } else {
      errors.addAll(selectorMatches(selector, template.path("metadata").path("labels")));
    }
    errors.addAll(MetaRules.labels(spec.path("selector").path("matchLabels"), "spec.selector.matchLabels"));
    errors.addAll(MetaRules.labels(template.path("metadata").path("labels"), "spec.template.metadata.labels"));
    errors.addAll(PodSpecRules.validate(template.path("spec"), "spec.template.spec", restartPolicies, claimVolumes));
    return errors;
  }

  private static List<FieldError> selectorMatches(JsonNode selector, JsonNode labels) {
    if (!LabelSelectors.matches(selector, labels)) {
      return List.of(FieldError.invalid("spec.template.metadata.labels", labels,
          "`selector` does not match template `labels`"));
    }
    return List.of();
  }

  private static List<FieldError> selectorUnchanged(JsonNode object, JsonNode old) {
    JsonNode selector = object.path("spec").path("selector");
    return selector.equals(old.path("spec").path("selector")) ? List.of()
        : List.of(FieldError.invalid("spec.selector", selector, "field is immutable"));
  }

  private static List<FieldError> statefulSetUpdate(JsonNode sts, JsonNode old) {
    ObjectNode fixed = withoutFields(sts.path("spec"), "replicas", "ordinals", "template", "updateStrategy",
        "persistentVolumeClaimRetentionPolicy", "minReadySeconds");
    ObjectNode was = withoutFields(old.path("spec"), "replicas", "ordinals", "template", "updateStrategy",
        "persistentVolumeClaimRetentionPolicy", "minReadySeconds");
    return fixed.equals(was) ? List.of() : List.of(FieldError.forbidden("spec", STATEFULSET_FORBIDDEN));
  }

  private static List<FieldError> jobUpdate(JsonNode job, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode spec = job.path("spec");
    JsonNode was = old.path("spec");
    for (String field : List.of("selector", "completionMode", "podFailurePolicy", "backoffLimitPerIndex")) {
      if (!spec.path(field).equals(was.path(field))) {
        errors.add(FieldError.invalid("spec." + field, spec.path(field), "field is immutable"));
      }
    }
    if (!spec.path("completions").equals(was.path("completions"))
        && !"Indexed".equals(spec.path("completionMode").asText())) {
      errors.add(FieldError.invalid("spec.completions", spec.path("completions"), "field is immutable"));
    }
    if (!spec.path("template").equals(was.path("template"))) {
      errors.add(FieldError.invalid("spec.template", spec.path("template"), "field is immutable"));
    }
    return errors;
  }

  // --- core ---

  private static List<FieldError> service(JsonNode service) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode spec = service.path("spec");
    String type = spec.path("type").asText("ClusterIP");
    if (!SERVICE_TYPES.contains(type)) {
      errors.add(FieldError.notSupported("spec.type", type, SERVICE_TYPES));
    }
    JsonNode ports = spec.path("ports");
    boolean headless = "None".equals(spec.path("clusterIP").asText());
    if (ports.isEmpty() && !"ExternalName".equals(type) && !headless) {
      errors.add(FieldError.required("spec.ports", null));
    }
    Set<String> names = new HashSet<>();
    Set<String> portProtocols = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      String at = "spec.ports[" + i + "]";
      String name = port.path("name").asText("");
      if (ports.size() > 1 && name.isEmpty()) {
        errors.add(FieldError.required(at + ".name", null));
      } else if (!name.isEmpty()) {
        NameRules.dns1123Label(name).forEach(m -> errors.add(FieldError.invalid(at + ".name", name, m)));
        if (!names.add(name)) {
          errors.add(FieldError.duplicate(at + ".name", name));
        }
      }
      int number = port.path("port").asInt(0);
      if (number < 1 || number > 65535) {
        errors.add(FieldError.invalid(at + ".port", number, "must be between 1 and 65535, inclusive"));
      }
      if (!portProtocols.add(number + "/" + port.path("protocol").asText("TCP"))) {
        errors.add(FieldError.duplicate(at, number + "/" + port.path("protocol").asText("TCP")));
      }
      JsonNode target = port.get("targetPort");
      if (target != null && target.isIntegralNumber() && (target.asInt() < 1 || target.asInt() > 65535)) {
        errors.add(FieldError.invalid(at + ".targetPort", target, "must be between 1 and 65535, inclusive"));
      } else if (target != null && target.isTextual()) {
        NameRules.portName(target.asText()).forEach(m -> errors.add(FieldError.invalid(at + ".targetPort", target, m)));
      }
      if (port.has("nodePort") && !List.of("NodePort", "LoadBalancer").contains(type)) {
        errors.add(FieldError.forbidden(at + ".nodePort", "may not be used when `type` is '" + type + "'"));
      }
    }
    errors.addAll(MetaRules.labels(spec.path("selector"), "spec.selector"));
    return errors;
  }

  private static List<FieldError> serviceUpdate(JsonNode service, JsonNode old) {
    String clusterIp = service.path("spec").path("clusterIP").asText("");
    String was = old.path("spec").path("clusterIP").asText("");
    boolean keepsType = !"ExternalName".equals(service.path("spec").path("type").asText());
    if (keepsType && !was.isEmpty() && !clusterIp.isEmpty() && !clusterIp.equals(was)) {
      return List.of(FieldError.invalid("spec.clusterIPs[0]", clusterIp, "may not change once set"));
    }
    return List.of();
  }

  private static List<FieldError> dataKeys(JsonNode object, String... sections) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String section : sections) {
      for (Iterator<String> keys = object.path(section).fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        String at = section + "[" + key + "]";
        NameRules.configMapKey(key).forEach(m -> errors.add(FieldError.invalid(at, key, m)));
        if (!seen.add(key) && !"stringData".equals(section)) {
          errors.add(FieldError.invalid(at, key, "duplicate of key present in " + sections[0]));
        }
      }
    }
    return errors;
  }

  private static List<FieldError> secretUpdate(JsonNode secret, JsonNode old) {
    if (old.path("immutable").asBoolean(false) && !withoutFields(secret, "metadata").equals(withoutFields(old, "metadata"))) {
      return List.of(FieldError.forbidden("data", "field is immutable when `immutable` is set"));
    }
    return List.of();
  }

  private static List<FieldError> claimSpec(JsonNode spec, String path) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode modes = spec.path("accessModes");
    if (modes.isEmpty()) {
      errors.add(FieldError.required(path + ".accessModes", "at least 1 access mode is required"));
    }
    for (JsonNode mode : modes) {
      if (!ACCESS_MODES.contains(mode.asText())) {
        errors.add(FieldError.notSupported(path + ".accessModes", mode.asText(), ACCESS_MODES));
      }
    }
    JsonNode storage = spec.path("resources").path("requests").get("storage");
    if (storage == null) {
      errors.add(FieldError.required(path + ".resources[storage]", null));
    } else if (Quantities.value(storage.asText()).map(BigDecimal::signum).orElse(1) <= 0) {
      errors.add(FieldError.invalid(path + ".resources[storage]", storage.asText(), "must be greater than zero"));
    }
    return errors;
  }

  private static List<FieldError> claimUpdate(JsonNode claim, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    ObjectNode spec = withoutFields(claim.path("spec"), "resources", "volumeAttributesClassName");
    ObjectNode was = withoutFields(old.path("spec"), "resources", "volumeAttributesClassName");
    if (old.path("spec").path("volumeName").asText("").isEmpty()) {
      spec.remove("volumeName"); // binding sets it once
      was.remove("volumeName");
    }
    if (!was.has("storageClassName")) {
      spec.remove("storageClassName");
    }
    boolean bound = "Bound".equals(old.path("status").path("phase").asText());
    JsonNode requests = claim.path("spec").path("resources").path("requests");
    boolean resized = !requests.equals(old.path("spec").path("resources").path("requests"));
    if (!spec.equals(was) || resized && !bound) {
      errors.add(FieldError.forbidden("spec", PVC_IMMUTABLE));
    }
    BigDecimal size = Quantities.value(requests.path("storage").asText("0")).orElse(null);
    BigDecimal previous = Quantities.value(old.path("spec").path("resources").path("requests").path("storage")
        .asText("0")).orElse(null);
    if (size != null && previous != null && size.compareTo(previous) < 0) {
      errors.add(FieldError.forbidden("spec.resources.requests.storage", "field can not be less than previous value"));
    }
    return errors;
  }

  private static List<FieldError> event(JsonNode event) {
    List<FieldError> errors = new ArrayList<>();
    String namespace = event.path("metadata").path("namespace").asText("");
    String involved = event.path("involvedObject").path("namespace").asText("");
    if (!involved.isEmpty() && !namespace.isEmpty() && !involved.equals(namespace)
        && !"default".equals(namespace)) {
      errors.add(FieldError.invalid("involvedObject.namespace", involved, "does not match event.namespace"));
    }
    String type = event.path("type").asText("");
    if (!type.isEmpty() && !List.of("Normal", "Warning").contains(type)) {
      errors.add(FieldError.notSupported("type", type, List.of("Normal", "Warning")));
    }
    return errors;
  }

  private static List<FieldError> lease(JsonNode lease) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode duration = lease.path("spec").get("leaseDurationSeconds");
    if (duration != null && duration.asInt() <= 0) {
      errors.add(FieldError.invalid("spec.leaseDurationSeconds", duration, "must be greater than 0"));
    }
    return errors;
  }

  // --- helpers ---

  private static void nonNegative(JsonNode spec, String field, String path, List<FieldError> errors) {
    JsonNode value = spec.get(field);
    if (value != null && value.isNumber() && value.asLong() < 0) {
      errors.add(FieldError.invalid(path + "." + field, value, "must be greater than or equal to 0"));
    }
  }

  private static boolean isZero(JsonNode intOrPercent) {
    return intOrPercent != null && ("0".equals(intOrPercent.asText()) || "0%".equals(intOrPercent.asText()));
  }

  private static ObjectNode withoutFields(JsonNode node, String... fields) {
    ObjectNode copy = node.isObject() ? ((ObjectNode) node).deepCopy() : new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    copy.remove(List.of(fields));
    return copy;
  }
}
