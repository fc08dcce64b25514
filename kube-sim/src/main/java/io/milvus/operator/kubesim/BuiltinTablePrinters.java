package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The columns of {@code kubectl get} for the built-in kinds the simulator runs (pods, Deployments, Services...), as
 * the API server prints them. Kinds not listed here get Name and Age. Pure.
 */
final class BuiltinTablePrinters {

  private static final String NONE = "<none>";

  private BuiltinTablePrinters() {
  }

  /** A printer from its columns and a function computing the cells after Name. */
  private record Printer(List<TablePrinter.Column> columns, BiFunction<JsonNode, Instant, List<Object>> rest)
      implements TablePrinter {
    @Override
    public List<Object> cells(JsonNode object, Instant now) {
      List<Object> cells = new ArrayList<>();
      cells.add(object.path("metadata").path("name").asText());
      cells.addAll(rest.apply(object, now));
      return cells;
    }
  }

  private static final Map<String, TablePrinter> BY_RESOURCE = Map.ofEntries(
      Map.entry("/pods", printer(BuiltinTablePrinters::pod, "Ready", "Status", "Restarts", "Age", "+IP", "+Node",
          "+Nominated Node", "+Readiness Gates")),
      Map.entry("apps/deployments", printer(BuiltinTablePrinters::deployment, "Ready", "Up-to-date", "Available",
          "Age", "+Containers", "+Images", "+Selector")),
      Map.entry("apps/replicasets", printer(BuiltinTablePrinters::replicaSet, "Desired", "Current", "Ready", "Age",
          "+Containers", "+Images", "+Selector")),
      Map.entry("apps/statefulsets", printer(BuiltinTablePrinters::statefulSet, "Ready", "Age", "+Containers",
          "+Images")),
      Map.entry("/services", printer(BuiltinTablePrinters::service, "Type", "Cluster-IP", "External-IP", "Port(s)",
          "Age", "+Selector")),
      Map.entry("/persistentvolumeclaims", printer(BuiltinTablePrinters::claim, "Status", "Volume", "Capacity",
          "Access Modes", "StorageClass", "VolumeAttributesClass", "Age", "+VolumeMode")),
      Map.entry("/persistentvolumes", printer(BuiltinTablePrinters::volume, "Capacity", "Access Modes",
          "Reclaim Policy", "Status", "Claim", "StorageClass", "VolumeAttributesClass", "Reason", "Age")),
      Map.entry("batch/jobs", printer(BuiltinTablePrinters::job, "Status", "Completions", "Duration", "Age",
          "+Containers", "+Images", "+Selector")),
      Map.entry("/events", new EventPrinter()),
      Map.entry("/namespaces", printer((o, now) -> List.of(o.path("status").path("phase").asText("Active"),
          TablePrinter.age(o, now)), "Status", "Age")),
      Map.entry("/nodes", printer(BuiltinTablePrinters::node, "Status", "Roles", "Age", "Version")),
      Map.entry("/configmaps", printer((o, now) -> List.of(o.path("data").size() + o.path("binaryData").size(),
          TablePrinter.age(o, now)), "Data", "Age")),
      Map.entry("/secrets", printer((o, now) -> List.of(o.path("type").asText("Opaque"),
          o.path("data").size(), TablePrinter.age(o, now)), "Type", "Data", "Age")));

  /** The printer for a resource of a group ("" for core), e.g. {@code forResource("apps", "deployments")}. */
  static TablePrinter forResource(String group, String resource) {
    return BY_RESOURCE.getOrDefault(group + "/" + resource, TablePrinter.NAME_AND_AGE);
  }

  /** Column names after Name; a leading + marks a column shown only with {@code -o wide}. */
  private static TablePrinter printer(BiFunction<JsonNode, Instant, List<Object>> rest, String... names) {
    List<TablePrinter.Column> columns = new ArrayList<>();
    columns.add(TablePrinter.Column.nameColumn());
    for (String name : names) {
      columns.add(name.startsWith("+") ? TablePrinter.Column.wide(name.substring(1), "")
          : TablePrinter.Column.of(name, ""));
    }
    return new Printer(List.copyOf(columns), rest);
  }

  private static List<Object> pod(JsonNode pod, Instant now) {
    JsonNode status = pod.path("status");
    int total = pod.path("spec").path("containers").size();
    int ready = 0;
    int restarts = 0;
    String reason = status.path("reason").asText(status.path("phase").asText("Pending"));
    boolean running = false;
    List<JsonNode> containers = new ArrayList<>();
    status.path("containerStatuses").forEach(containers::add);
    for (int i = containers.size() - 1; i >= 0; i--) {
      JsonNode c = containers.get(i);
      restarts += c.path("restartCount").asInt(0);
      JsonNode state = c.path("state");
      if (state.path("waiting").path("reason").asText("").length() > 0) {
        reason = state.path("waiting").path("reason").asText();
      } else if (state.path("terminated").path("reason").asText("").length() > 0) {
        reason = state.path("terminated").path("reason").asText();
      } else if (state.has("terminated")) {
        int signal = state.path("terminated").path("signal").asInt(0);
        reason = signal != 0 ? "Signal:" + signal : "ExitCode:" + state.path("terminated").path("exitCode").asInt();
      } else if (state.has("running") && c.path("ready").asBoolean(false)) {
        running = true;
        ready++;
      }
    }
    if (reason.equals("Completed") && running) {
      reason = "Running";
    }
    if (pod.path("metadata").has("deletionTimestamp")) {
      reason = "NodeLost".equals(status.path("reason").asText()) ? "Unknown" : "Terminating";
    }
    return List.of(ready + "/" + total, reason, restarts, TablePrinter.age(pod, now),
        text(status.path("podIP")), text(pod.path("spec").path("nodeName")),
        text(status.path("nominatedNodeName")), NONE);
  }

  private static List<Object> deployment(JsonNode d, Instant now) {
    JsonNode status = d.path("status");
    return List.of(status.path("readyReplicas").asInt(0) + "/" + d.path("spec").path("replicas").asInt(1),
        status.path("updatedReplicas").asInt(0), status.path("availableReplicas").asInt(0), TablePrinter.age(d, now),
        containerNames(d), images(d), selector(d.path("spec").path("selector").path("matchLabels")));
  }

  private static List<Object> replicaSet(JsonNode rs, Instant now) {
    JsonNode status = rs.path("status");
    return List.of(rs.path("spec").path("replicas").asInt(1), status.path("replicas").asInt(0),
        status.path("readyReplicas").asInt(0), TablePrinter.age(rs, now), containerNames(rs), images(rs),
        selector(rs.path("spec").path("selector").path("matchLabels")));
  }

  private static List<Object> statefulSet(JsonNode sts, Instant now) {
    return List.of(sts.path("status").path("readyReplicas").asInt(0) + "/" + sts.path("spec").path("replicas").asInt(1),
        TablePrinter.age(sts, now), containerNames(sts), images(sts));
  }

  private static List<Object> service(JsonNode svc, Instant now) {
    JsonNode spec = svc.path("spec");
    String type = spec.path("type").asText("ClusterIP");
    List<String> ports = new ArrayList<>();
    spec.path("ports").forEach(p -> ports.add(p.path("port").asInt()
        + (p.has("nodePort") ? ":" + p.path("nodePort").asInt() : "") + "/" + p.path("protocol").asText("TCP")));
    List<String> ingress = new ArrayList<>();
    svc.path("status").path("loadBalancer").path("ingress").forEach(i -> ingress.add(i.path("ip").asText(i.path("hostname").asText())));
    String external = !ingress.isEmpty() ? String.join(",", ingress)
        : type.equals("LoadBalancer") ? "<pending>"
        : type.equals("ExternalName") ? spec.path("externalName").asText() : NONE;
    return List.of(type, spec.path("clusterIP").asText(NONE), external, ports.isEmpty() ? NONE : String.join(",", ports),
        TablePrinter.age(svc, now), selector(spec.path("selector")));
  }

  private static List<Object> claim(JsonNode pvc, Instant now) {
    JsonNode status = pvc.path("status");
    JsonNode spec = pvc.path("spec");
    boolean bound = "Bound".equals(status.path("phase").asText());
    return List.of(status.path("phase").asText("Pending"), spec.path("volumeName").asText(""),
        bound ? status.path("capacity").path("storage").asText("") : "", bound ? accessModes(status.path("accessModes")) : "",
        spec.path("storageClassName").asText(""), spec.path("volumeAttributesClassName").asText("<unset>"),
        TablePrinter.age(pvc, now), spec.path("volumeMode").asText("Filesystem"));
  }

  private static List<Object> volume(JsonNode pv, Instant now) {
    JsonNode spec = pv.path("spec");
    JsonNode claim = spec.path("claimRef");
    return List.of(spec.path("capacity").path("storage").asText(""), accessModes(spec.path("accessModes")),
        spec.path("persistentVolumeReclaimPolicy").asText(""), pv.path("status").path("phase").asText(""),
        claim.isMissingNode() ? "" : claim.path("namespace").asText() + "/" + claim.path("name").asText(),
        spec.path("storageClassName").asText(""), spec.path("volumeAttributesClassName").asText("<unset>"),
        pv.path("status").path("reason").asText(""), TablePrinter.age(pv, now));
  }

  private static List<Object> job(JsonNode job, Instant now) {
    JsonNode status = job.path("status");
    String state = "Running";
    for (JsonNode c : status.path("conditions")) {
      if ("True".equals(c.path("status").asText())) {
        switch (c.path("type").asText()) {
          case "Complete" -> state = "Complete";
          case "Failed" -> state = "Failed";
          case "Suspended" -> state = "Suspended";
          default -> { }
        }
      }
    }
    String start = status.path("startTime").asText(null);
    String end = status.path("completionTime").asText(null);
    String duration = start == null ? "" : HumanDuration.format(java.time.Duration.between(Instant.parse(start),
        end == null ? now : Instant.parse(end)));
    return List.of(state, status.path("succeeded").asInt(0) + "/" + job.path("spec").path("completions").asInt(1),
        duration, TablePrinter.age(job, now), containerNames(job), images(job),
        selector(job.path("spec").path("selector").path("matchLabels")));
  }

  /** Events lead with when they were last seen; their name comes last and only with {@code -o wide}. */
  private static final class EventPrinter implements TablePrinter {
    @Override
    public List<Column> columns() {
      return List.of(Column.of("Last Seen", ""), Column.of("Type", ""), Column.of("Reason", ""),
          Column.of("Object", ""), Column.wide("Subobject", ""), Column.wide("Source", ""), Column.of("Message", ""),
          Column.wide("First Seen", ""), Column.wide("Count", ""),
          new Column("Name", "string", "name", "", 1));
    }

    @Override
    public List<Object> cells(JsonNode e, Instant now) {
      String last = e.path("lastTimestamp").asText("");
      if (last.isEmpty()) {
        last = e.path("eventTime").asText(e.path("metadata").path("creationTimestamp").asText(""));
      }
      JsonNode involved = e.path("involvedObject");
      String object = involved.path("kind").asText("").toLowerCase(java.util.Locale.ROOT) + "/"
          + involved.path("name").asText();
      String first = e.path("firstTimestamp").asText("");
      return List.of(HumanDuration.since(last, now), e.path("type").asText(""),
          e.path("reason").asText(""), object, involved.path("fieldPath").asText(""),
          e.path("source").path("component").asText(e.path("reportingComponent").asText("")),
          e.path("message").asText(""), first.isEmpty() ? "" : HumanDuration.since(first, now),
          e.path("count").asInt(1), e.path("metadata").path("name").asText());
    }
  }

  private static List<Object> node(JsonNode n, Instant now) {
    String ready = "Unknown";
    for (JsonNode c : n.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        ready = "True".equals(c.path("status").asText()) ? "Ready" : "NotReady";
      }
    }
    List<String> roles = new ArrayList<>();
    n.path("metadata").path("labels").fieldNames().forEachRemaining(label -> {
      if (label.startsWith("node-role.kubernetes.io/")) {
        roles.add(label.substring("node-role.kubernetes.io/".length()));
      }
    });
    return List.of(ready, roles.isEmpty() ? NONE : String.join(",", roles), TablePrinter.age(n, now),
        n.path("status").path("nodeInfo").path("kubeletVersion").asText(""));
  }

  private static String containerNames(JsonNode workload) {
    return joined(workload.path("spec").path("template").path("spec").path("containers"), "name");
  }

  private static String images(JsonNode workload) {
    return joined(workload.path("spec").path("template").path("spec").path("containers"), "image");
  }

  private static String joined(JsonNode list, String field) {
    List<String> values = new ArrayList<>();
    list.forEach(item -> values.add(item.path(field).asText()));
    return values.isEmpty() ? NONE : String.join(",", values);
  }

  private static String selector(JsonNode labels) {
    if (labels == null || !labels.isObject() || labels.isEmpty()) {
      return NONE;
    }
    List<String> pairs = new ArrayList<>();
    labels.fields().forEachRemaining(f -> pairs.add(f.getKey() + "=" + f.getValue().asText()));
    return String.join(",", pairs);
  }

  private static String accessModes(JsonNode modes) {
    Map<String, String> shortNames = Map.of("ReadWriteOnce", "RWO", "ReadOnlyMany", "ROX", "ReadWriteMany", "RWX",
        "ReadWriteOncePod", "RWOP");
    List<String> list = new ArrayList<>();
    modes.forEach(m -> list.add(shortNames.getOrDefault(m.asText(), m.asText())));
    return list.stream().collect(Collectors.joining(","));
  }

  private static String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() || node.asText().isEmpty() ? NONE : node.asText();
  }
}
