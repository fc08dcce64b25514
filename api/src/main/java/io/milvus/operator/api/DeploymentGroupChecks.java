package io.milvus.operator.api;

import io.milvus.operator.api.v1beta1.Component;
import io.milvus.operator.api.v1beta1.DeploymentGroup;
import io.milvus.operator.api.v1beta1.ProxyComponent;
import io.milvus.operator.api.v1beta1.WorkerComponent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks of {@code groups}: each group becomes a Deployment named and labelled after it. */
final class DeploymentGroupChecks {

  static final List<String> GROUP_COMPONENTS = List.of("proxy", "dataNode", "queryNode", "streamingNode");
  static final List<String> STATEFUL_SET_COMPONENTS = List.of("queryNode", "dataNode", "indexNode");
  /** Keys the operator sets itself on a group's Deployment and pods. */
  static final List<String> RESERVED_KEY_PREFIXES = List.of("milvus.io/", "app.kubernetes.io/");
  static final String RESERVED_KEY = "checksum/config";

  private DeploymentGroupChecks() {}

  static void check(Problems problems, String path, NamedComponent named) {
    Component component = named.component();
    List<DeploymentGroup> groups = groupsOf(component);
    boolean written = groups != null || component.getAdditionalProperties().containsKey("groups");
    if (!written) {
      return;
    }
    if (!GROUP_COMPONENTS.contains(named.name())) {
      problems.add(path + ".groups", "deployment groups are supported on " + Problems.alternatives(GROUP_COMPONENTS)
          + " only, not on " + named.name());
      return;
    }
    if (groups == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < groups.size(); i++) {
      String groupPath = path + ".groups[" + i + "]";
      DeploymentGroup group = groups.get(i);
      if (group == null) {
        problems.add(groupPath, "a deployment group needs a name and replicas");
        continue;
      }
      name(problems, groupPath + ".name", group.getName(), seen, path + ".groups");
      if (group.getReplicas() == null) {
        problems.add(groupPath + ".replicas", "every deployment group needs replicas (-1 leaves them to an autoscaler)");
      }
      ComponentChecks.replicas(problems, groupPath + ".replicas", group.getReplicas());
      reservedKeys(problems, groupPath + ".labels", "label", group.getLabels());
      reservedKeys(problems, groupPath + ".annotations", "annotation", group.getAnnotations());
      problems.labels(groupPath + ".labels", group.getLabels());
      problems.annotations(groupPath + ".annotations", group.getAnnotations());
      problems.labels(groupPath + ".nodeSelector", group.getNodeSelector());
    }
  }

  private static List<DeploymentGroup> groupsOf(Component component) {
    if (component instanceof ProxyComponent proxy) {
      return proxy.getGroups();
    }
    if (component instanceof WorkerComponent worker) {
      return worker.getGroups();
    }
    return null;
  }

  private static void name(Problems problems, String field, String name, Set<String> seen, String listPath) {
    if (Problems.isBlank(name)) {
      problems.add(field, "every deployment group needs a name");
    } else if (!KubernetesNames.isDnsLabel(name)) {
      problems.add(field, "group name \"" + name + "\" must be a DNS-1123 label: at most 63 lowercase letters, digits"
          + " and '-', starting and ending with a letter or digit");
    } else if (!seen.add(name)) {
      problems.add(field, "group name \"" + name + "\" is used twice in " + listPath + ": names must be unique");
    }
  }

  private static void reservedKeys(Problems problems, String field, String kind, Map<String, String> entries) {
    if (entries == null) {
      return;
    }
    for (String key : entries.keySet()) {
      boolean reserved = key.equals(RESERVED_KEY) || RESERVED_KEY_PREFIXES.stream().anyMatch(key::startsWith);
      if (reserved) {
        problems.add(field + "[" + key + "]", kind + " \"" + key + "\" is reserved for the operator: keys starting"
            + " with milvus.io/ or app.kubernetes.io/, and checksum/config, cannot be set on a group");
      }
    }
  }
}
