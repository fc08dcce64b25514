package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a built-in object's body decodes as the API server decodes it (Go's strict JSON types, quantities): when
 * it does not, the server answers 400 before any validation, e.g. {@code Deployment in version "v1" cannot be
 * handled as a Deployment: quantities must match the regular expression ...}.
 */
final class Decoding {

  private static final Map<String, Class<?>> TYPES = Map.ofEntries(
      Map.entry("/pods", Pod.class), Map.entry("/services", Service.class), Map.entry("/configmaps", ConfigMap.class),
      Map.entry("/secrets", Secret.class), Map.entry("/persistentvolumeclaims", PersistentVolumeClaim.class),
      Map.entry("/serviceaccounts", ServiceAccount.class), Map.entry("/events", Event.class),
      Map.entry("/namespaces", Namespace.class), Map.entry("apps/deployments", Deployment.class),
      Map.entry("apps/replicasets", ReplicaSet.class), Map.entry("apps/statefulsets", StatefulSet.class),
      Map.entry("batch/jobs", Job.class), Map.entry("coordination.k8s.io/leases", Lease.class));

  /** Go's decoder: no string for a number or a number for a string; unknown fields are dropped, not refused. */
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .build();

  private Decoding() {
  }

  /** Why the object cannot be decoded as its kind, or empty. */
  static Optional<String> problem(String group, String resource, JsonNode object) {
    Class<?> type = TYPES.get(group + "/" + resource);
    if (type == null) {
      return Optional.empty();
    }
    try {
      STRICT.treeToValue(object, type);
    } catch (MismatchedInputException e) {
      String field = e.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      return Optional.of("json: cannot unmarshal " + shapeOf(object, e) + " into Go struct field "
          + type.getSimpleName() + "." + field + " of type " + goType(e.getTargetType()));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    return badQuantity(object);
  }

  /** The first quantity (resources, sizeLimit, storage) that does not parse. */
  private static Optional<String> badQuantity(JsonNode node) {
    if (node.isArray()) {
      for (JsonNode item : node) {
        Optional<String> problem = badQuantity(item);
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (("requests".equals(key) || "limits".equals(key)) && value.isObject()) {
        for (JsonNode quantity : value) {
          Optional<String> problem = quantityProblem(quantity);
          if (problem.isPresent()) {
            return problem;
          }
        }
      } else if ("sizeLimit".equals(key)) {
        Optional<String> problem = quantityProblem(value);
        if (problem.isPresent()) {
          return problem;
        }
      } else if (value.isContainerNode()) {
        Optional<String> problem = badQuantity(value);
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> quantityProblem(JsonNode quantity) {
    if (quantity.isNumber()) {
      return Optional.empty();
    }
    return Optional.ofNullable(Quantities.parse(quantity.asText()).error());
  }

  private static String shapeOf(JsonNode object, MismatchedInputException e) {
    JsonNode node = object;
    for (var reference : e.getPath()) {
      node = reference.getFieldName() != null ? node.path(reference.getFieldName()) : node.path(reference.getIndex());
    }
    return node.isTextual() ? "string" : node.isNumber() ? "number" : node.isBoolean() ? "bool"
        : node.isArray() ? "array" : node.isObject() ? "object" : "value";
  }

  private static String goType(Class<?> target) {
    if (target == null) {
      return "value";
    }
    if (target == Integer.class || target == int.class) {
      return "int32";
    }
    if (target == Long.class || target == long.class) {
      return "int64";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "bool";
    }
    return target == String.class ? "string" : target.getSimpleName();
  }
}
