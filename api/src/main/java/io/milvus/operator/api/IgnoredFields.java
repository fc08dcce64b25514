package io.milvus.operator.api;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of a spec this operator keeps but does not act on (yet), reported in {@code status.ignoredFields} so
 * the user knows: every unknown field (newer upstream fields, typos), and the modelled fields listed in
 * {@link #NOT_ACTED_ON}.
 */
public final class IgnoredFields {

  /** In a {@link NotActedOn} path: any component under {@code components} (standalone, proxy, ...). */
  static final String ANY_COMPONENT = "{component}";

  /**
   * A modelled field the operator does not act on yet.
   *
   * @param path the field under {@code spec}, dotted; {@value #ANY_COMPONENT} stands for each component
   * @param onlyWhen the value that makes it ignored (e.g. rollingMode "3"), or null for any value
   */
  record NotActedOn(String path, String onlyWhen) {
    NotActedOn(String path) {
      this(path, null);
    }
  }

  /** Trim this table as the operator learns to act on these fields. */
  static final List<NotActedOn> NOT_ACTED_ON = List.of(
      // tier C
      new NotActedOn("components." + ANY_COMPONENT + ".hpa"),
      new NotActedOn("components." + ANY_COMPONENT + ".groups"),
      new NotActedOn("components." + ANY_COMPONENT + ".statefulSet"),
      new NotActedOn("components.cdc"),
      new NotActedOn("dependencies.tei"),
      new NotActedOn("components.rollingMode", "3"),
      new NotActedOn("hookConfig"),
      new NotActedOn("components.activeConfigMap"),
      new NotActedOn("components.enableManualMode", "true"),
      // no init container copies tools from the operator's image: Milvus pods run without it
      new NotActedOn("components.toolImage"),
      new NotActedOn("components.updateToolImage", "true"),
      // a component's own image is run (as upstream), its version is read by nothing (upstream neither)
      new NotActedOn("components." + ANY_COMPONENT + ".version"),
      new NotActedOn("dependencies.customMsgStream"),
      new NotActedOn("dependencies.storage.ssl"),
      // Milvus's client of an external woodpecker (service mode) is not wired into user.yaml yet
      new NotActedOn("dependencies.woodpecker.external", "true"),
      new NotActedOn("dependencies.woodpecker.quorumBufferPools"),
      new NotActedOn("dependencies.etcd.inCluster.chartVersion"),
      new NotActedOn("dependencies.kafka.inCluster.chartVersion"),
      new NotActedOn("dependencies.storage.inCluster.chartVersion"));

  static final List<String> COMPONENTS = List.of("standalone", "proxy", "mixCoord", "rootCoord", "dataCoord",
      "queryCoord", "indexCoord", "dataNode", "queryNode", "indexNode", "streamingNode", "cdc");

  private static final String ROOT = "spec";
  /** Read-only use: converting to a tree and introspecting the model's properties. */
  private static final ObjectMapper JSON = Serialization.PLAIN;
  private static final ModelProperties PROPERTIES = ModelProperties.written(JSON);

  private IgnoredFields() {}

  /** Sorted JSON paths ({@code spec.components.proxy.hpa}) of the given fields this operator ignores. */
  public static List<String> of(MilvusSpec spec) {
    if (spec == null) {
      return List.of();
    }
    JsonNode tree = JSON.valueToTree(spec);
    Set<String> ignored = new TreeSet<>();
    collectUnknown(JSON.constructType(MilvusSpec.class), tree, ROOT, ignored);
    for (NotActedOn entry : NOT_ACTED_ON) {
      for (String path : expand(entry.path())) {
        JsonNode value = tree.at("/" + path.replace('.', '/'));
        boolean given = isGiven(value) && (entry.onlyWhen() == null || entry.onlyWhen().equals(value.asText()));
        if (given) {
          ignored.add(ROOT + "." + path);
        }
      }
    }
    return List.copyOf(ignored);
  }

  /** Walks the tree along the model: a key the model's type has no property for is unknown. */
  private static void collectUnknown(JavaType type, JsonNode node, String path, Set<String> unknown) {
    if (type.isContainerType() && !type.isMapLikeType() && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectUnknown(type.getContentType(), node.get(i), path + "[" + i + "]", unknown);
      }
    } else if (type.isMapLikeType() && node.isObject()) {
      node.fields().forEachRemaining(e -> collectUnknown(type.getContentType(), e.getValue(), path + "[" + e.getKey() + "]", unknown));
    } else if (node.isObject() && isModelled(type)) {
      Map<String, JavaType> properties = PROPERTIES.of(type);
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String fieldPath = path + "." + field.getKey();
        JavaType propertyType = properties.get(field.getKey());
        if (propertyType == null) {
          if (isGiven(field.getValue())) {
            unknown.add(fieldPath);
          }
        } else {
          collectUnknown(propertyType, field.getValue(), fieldPath, unknown);
        }
      }
    }
  }

  /** A class with properties (the API's and Kubernetes' models), not a free-form value. */
  private static boolean isModelled(JavaType type) {
    Class<?> raw = type.getRawClass();
    return raw != Object.class && !JsonNode.class.isAssignableFrom(raw) && !raw.getName().startsWith("java.");
  }

  private static List<String> expand(String path) {
    if (!path.contains(ANY_COMPONENT)) {
      return List.of(path);
    }
    List<String> paths = new ArrayList<>();
    COMPONENTS.forEach(component -> paths.add(path.replace(ANY_COMPONENT, component)));
    return paths;
  }

  private static boolean isGiven(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return false;
    }
    if (value.isTextual()) {
      return !value.asText().isEmpty();
    }
    return !value.isContainerNode() || !value.isEmpty();
  }
}
