package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A pod spec (of a Pod or of a template) as the API server checks it. */
final class PodSpecRules {

  private static final Set<String> VOLUME_SOURCES = Set.of("hostPath", "emptyDir", "gcePersistentDisk",
      "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd",
      "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap", "vsphereVolume",
      "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi",
      "ephemeral", "image");
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final List<String> DNS_POLICIES = List.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None");
  private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");

  private PodSpecRules() {
  }

  /** @param restartPolicies the values the owner allows (a Deployment's pods only "Always") */
  static List<FieldError> validate(JsonNode spec, String path, List<String> restartPolicies) {
    return validate(spec, path, restartPolicies, Set.of());
  }

  /** @param claimVolumes volumes the owner adds to each pod (a StatefulSet's volumeClaimTemplates) */
  static List<FieldError> validate(JsonNode spec, String path, List<String> restartPolicies, Set<String> claimVolumes) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> volumes = volumes(spec.path("volumes"), path + ".volumes", errors);
    volumes.addAll(claimVolumes);
    JsonNode containers = spec.path("containers");
    if (containers.isEmpty()) {
      errors.add(FieldError.required(path + ".containers", null));
    }
    Set<String> containerNames = new HashSet<>();
    containers(spec.path("initContainers"), path + ".initContainers", volumes, containerNames, errors);
    containers(containers, path + ".containers", volumes, containerNames, errors);
    if (spec.hasNonNull("restartPolicy") && !restartPolicies.contains(spec.get("restartPolicy").asText())) {
      errors.add(FieldError.notSupported(path + ".restartPolicy", spec.get("restartPolicy").asText(), restartPolicies));
    }
    if (spec.hasNonNull("dnsPolicy") && !DNS_POLICIES.contains(spec.get("dnsPolicy").asText())) {
      errors.add(FieldError.notSupported(path + ".dnsPolicy", spec.get("dnsPolicy").asText(), DNS_POLICIES));
    }
    String serviceAccount = spec.path("serviceAccountName").asText("");
    if (!serviceAccount.isEmpty()) {
      NameRules.dns1123Subdomain(serviceAccount)
          .forEach(m -> errors.add(FieldError.invalid(path + ".serviceAccountName", serviceAccount, m)));
    }
    return errors;
  }

  private static Set<String> volumes(JsonNode volumes, String path, List<FieldError> errors) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < volumes.size(); i++) {
      JsonNode volume = volumes.get(i);
      String at = path + "[" + i + "]";
      uniqueName(volume, at, names, errors);
      long sources = 0;
      for (Iterator<String> fields = volume.fieldNames(); fields.hasNext(); ) {
        if (VOLUME_SOURCES.contains(fields.next())) {
          sources++;
        }
      }
      if (sources == 0) {
        errors.add(FieldError.required(at, "must specify a volume type"));
      } else if (sources > 1) {
        errors.add(FieldError.forbidden(at, "may not specify more than 1 volume type"));
      }
      JsonNode claim = volume.path("persistentVolumeClaim");
      if (claim.isObject() && claim.path("claimName").asText("").isEmpty()) {
        errors.add(FieldError.required(at + ".persistentVolumeClaim.claimName", null));
      }
    }
    return names;
  }

  private static void containers(JsonNode containers, String path, Set<String> volumes, Set<String> names,
      List<FieldError> errors) {
    for (int i = 0; i < containers.size(); i++) {
      JsonNode container = containers.get(i);
      String at = path + "[" + i + "]";
      uniqueName(container, at, names, errors);
      if (container.path("image").asText("").isBlank()) {
        errors.add(FieldError.required(at + ".image", null));
      }
      if (container.hasNonNull("imagePullPolicy") && !PULL_POLICIES.contains(container.get("imagePullPolicy").asText())) {
        errors.add(FieldError.notSupported(at + ".imagePullPolicy", container.get("imagePullPolicy").asText(), PULL_POLICIES));
      }
      ports(container.path("ports"), at + ".ports", errors);
      env(container.path("env"), at + ".env", errors);
      mounts(container.path("volumeMounts"), at + ".volumeMounts", volumes, errors);
      resources(container.path("resources"), at + ".resources", errors);
    }
  }

  /** A required DNS-1123 label name, unique among {@code seen} (volumes of a pod; containers, init ones included). */
  private static void uniqueName(JsonNode item, String at, Set<String> seen, List<FieldError> errors) {
    String name = item.path("name").asText("");
    if (name.isEmpty()) {
      errors.add(FieldError.required(at + ".name", null));
      return;
    }
    NameRules.dns1123Label(name).forEach(m -> errors.add(FieldError.invalid(at + ".name", name, m)));
    if (!seen.add(name)) {
      errors.add(FieldError.duplicate(at + ".name", name));
    }
  }

  private static void ports(JsonNode ports, String path, List<FieldError> errors) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      String at = path + "[" + i + "]";
      if (port.hasNonNull("name")) {
        String name = port.get("name").asText();
        NameRules.portName(name).forEach(m -> errors.add(FieldError.invalid(at + ".name", name, m)));
        if (!names.add(name)) {
          errors.add(FieldError.duplicate(at + ".name", name));
        }
      }
      int containerPort = port.path("containerPort").asInt(0);
      if (containerPort < 1 || containerPort > 65535) {
        errors.add(containerPort == 0 ? FieldError.required(at + ".containerPort", null)
            : FieldError.invalid(at + ".containerPort", containerPort, "must be between 1 and 65535, inclusive"));
      }
      if (port.hasNonNull("protocol") && !PROTOCOLS.contains(port.get("protocol").asText())) {
        errors.add(FieldError.notSupported(at + ".protocol", port.get("protocol").asText(), PROTOCOLS));
      }
    }
  }

  private static void env(JsonNode env, String path, List<FieldError> errors) {
    for (int i = 0; i < env.size(); i++) {
      String at = path + "[" + i + "].name";
      String name = env.get(i).path("name").asText("");
      if (name.isEmpty()) {
        errors.add(FieldError.required(at, null));
      } else {
        NameRules.envVarName(name).forEach(m -> errors.add(FieldError.invalid(at, name, m)));
      }
    }
  }

  private static void mounts(JsonNode mounts, String path, Set<String> volumes, List<FieldError> errors) {
    Set<String> mountPaths = new HashSet<>();
    for (int i = 0; i < mounts.size(); i++) {
      JsonNode mount = mounts.get(i);
      String at = path + "[" + i + "]";
      String name = mount.path("name").asText("");
      if (name.isEmpty()) {
        errors.add(FieldError.required(at + ".name", null));
      } else if (!volumes.contains(name)) {
        errors.add(FieldError.notFound(at + ".name", name));
      }
      String mountPath = mount.path("mountPath").asText("");
      if (mountPath.isEmpty()) {
        errors.add(FieldError.required(at + ".mountPath", null));
      } else if (!mountPaths.add(mountPath)) {
        errors.add(FieldError.invalid(at + ".mountPath", mountPath, "must be unique"));
      }
    }
  }

  private static void resources(JsonNode resources, String path, List<FieldError> errors) {
    JsonNode requests = resources.path("requests");
    JsonNode limits = resources.path("limits");
    for (String part : List.of("requests", "limits")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = resources.path(part).fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        Quantities.value(entry.getValue().asText()).filter(v -> v.signum() < 0).ifPresent(v -> errors.add(
            FieldError.invalid(path + "." + part + "[" + entry.getKey() + "]", entry.getValue().asText(),
                "must be greater than or equal to 0")));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = requests.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> request = it.next();
      JsonNode limit = limits.get(request.getKey());
      if (limit == null) {
        continue;
      }
      BigDecimal requested = Quantities.value(request.getValue().asText()).orElse(null);
      BigDecimal limited = Quantities.value(limit.asText()).orElse(null);
      if (requested != null && limited != null && requested.compareTo(limited) > 0) {
        errors.add(FieldError.invalid(path + ".requests", request.getValue().asText(),
            "must be less than or equal to " + request.getKey() + " limit of " + limit.asText()));
      }
    }
  }
}
