package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a Kubernetes 1.31 API server lets an update change in a pod's spec ({@code ValidatePodUpdate}): container
 * and init container images, {@code activeDeadlineSeconds} (set, or lowered), tolerations (only added, or an
 * existing NoExecute toleration's seconds), {@code terminationGracePeriodSeconds} (only from a negative value to
 * 1) and scheduling gates (only removed). Anything else in the spec is refused with the server's message; metadata
 * and status are not its concern. Pure.
 */
final class PodUpdateRules {

  static final String ONLY_THESE_FIELDS = "pod updates may not change fields other than "
      + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
      + "`spec.tolerations` (only additions to existing tolerations),"
      + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

  private PodUpdateRules() {
  }

  static List<FieldError> validate(JsonNode pod, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode spec = pod.path("spec");
    JsonNode was = old.path("spec");
    JsonNode deadline = spec.get("activeDeadlineSeconds");
    JsonNode oldDeadline = was.get("activeDeadlineSeconds");
    if (present(deadline)) {
      if (deadline.asLong() < 0 || deadline.asLong() > Integer.MAX_VALUE) {
        errors.add(FieldError.invalid("spec.activeDeadlineSeconds", deadline.asLong(),
            "must be between 0 and 2147483647, inclusive"));
        return errors;
      }
      if (present(oldDeadline) && oldDeadline.asLong() < deadline.asLong()) {
        errors.add(FieldError.invalid("spec.activeDeadlineSeconds", deadline.asLong(),
            "must be less than or equal to previous value"));
        return errors;
      }
    } else if (present(oldDeadline)) {
      errors.add(FieldError.invalid("spec.activeDeadlineSeconds", null, "must not update from a positive integer to nil value"));
    }
    errors.addAll(onlyAddedTolerations(spec.path("tolerations"), was.path("tolerations")));

    ObjectNode munged = spec.isObject() ? ((ObjectNode) spec).deepCopy() : JsonNodes.object();
    for (String list : new String[] {"containers", "initContainers"}) {
      JsonNode oldContainers = was.path(list);
      JsonNode newContainers = munged.path(list);
      if (newContainers.size() == oldContainers.size()) {
        for (int i = 0; i < newContainers.size(); i++) {
          if (newContainers.get(i) instanceof ObjectNode container) {
            setOrRemove(container, "image", oldContainers.get(i).get("image"));
          }
        }
      }
    }
    setOrRemove(munged, "activeDeadlineSeconds", oldDeadline);
    setOrRemove(munged, "tolerations", was.get("tolerations"));
    JsonNode grace = was.get("terminationGracePeriodSeconds");
    if (present(grace) && grace.asLong() < 0 && munged.path("terminationGracePeriodSeconds").asLong() == 1) {
      munged.set("terminationGracePeriodSeconds", grace.deepCopy());
    }
    if (onlyRemoved(munged.path("schedulingGates"), was.path("schedulingGates"))) {
      setOrRemove(munged, "schedulingGates", was.get("schedulingGates"));
    }
    List<String> changed = new ArrayList<>();
    differences(was, munged, "spec", changed);
    if (!changed.isEmpty()) {
      errors.add(FieldError.forbidden("spec", ONLY_THESE_FIELDS + "\n  changed: " + String.join(", ", changed)));
    }
    return errors;
  }

  /** Every old toleration must still be there; a NoExecute one may only change its seconds. */
  private static List<FieldError> onlyAddedTolerations(JsonNode tolerations, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    for (JsonNode existing : old) {
      boolean kept = false;
      for (JsonNode candidate : tolerations) {
        if (sameToleration(existing, candidate)) {
          kept = true;
          break;
        }
      }
      if (!kept) {
        errors.add(FieldError.forbidden("spec.tolerations",
            "existing toleration can not be modified except its tolerationSeconds"));
        return errors;
      }
    }
    return errors;
  }

  private static boolean sameToleration(JsonNode existing, JsonNode candidate) {
    ObjectNode a = existing.isObject() ? ((ObjectNode) existing).deepCopy() : JsonNodes.object();
    ObjectNode b = candidate.isObject() ? ((ObjectNode) candidate).deepCopy() : JsonNodes.object();
    if ("NoExecute".equals(a.path("effect").asText()) && present(a.get("tolerationSeconds"))
        && present(b.get("tolerationSeconds"))) {
      a.remove("tolerationSeconds");
      b.remove("tolerationSeconds");
    }
    return JsonNodes.semanticallyEqual(a, b);
  }

  private static boolean onlyRemoved(JsonNode gates, JsonNode old) {
    for (JsonNode gate : gates) {
      boolean known = false;
      for (JsonNode existing : old) {
        known |= existing.equals(gate);
      }
      if (!known) {
        return false;
      }
    }
    return true;
  }

  /** The paths where two specs differ, treating an absent field, a null and an empty list or object alike. */
  private static void differences(JsonNode old, JsonNode now, String path, List<String> found) {
    if (JsonNodes.semanticallyEqual(old, now)) {
      return;
    }
    if (old.isObject() && now.isObject()) {
      List<String> names = new ArrayList<>();
      old.fieldNames().forEachRemaining(names::add);
      for (Iterator<Map.Entry<String, JsonNode>> it = now.fields(); it.hasNext(); ) {
        String name = it.next().getKey();
        if (!names.contains(name)) {
          names.add(name);
        }
      }
      for (String name : names) {
        differences(old.path(name), now.path(name), path + "." + name, found);
      }
    } else if (old.isArray() && now.isArray() && old.size() == now.size()) {
      for (int i = 0; i < old.size(); i++) {
        differences(old.get(i), now.get(i), path + "[" + i + "]", found);
      }
    } else {
      found.add(path);
    }
  }

  private static boolean present(JsonNode value) {
    return value != null && !value.isNull() && !value.isMissingNode();
  }

  private static void setOrRemove(ObjectNode object, String field, JsonNode value) {
    if (present(value)) {
      object.set(field, value.deepCopy());
    } else {
      object.remove(field);
    }
  }
}
