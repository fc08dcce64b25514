package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * The mock's CRUD store, with the status subresource switched on for the built-in kinds that have one in a real
 * API server. Without this a PUT of a Deployment wipes its status (pitfall P4) and a POST keeps a made-up status;
 * with it, writes to the object ignore status and writes to /status ignore everything else, as Kubernetes does.
 */
final class BuiltinStatusCrudDispatcher extends KubernetesCrudDispatcher {

  /**
   * group/resource of built-ins whose status is a subresource ("" is the core group). Namespaces are left out:
   * the mock routes /namespaces/{name}/status as a resource called "status", so their status is written by PUT.
   */
  private static final Set<String> WITH_STATUS = Set.of(
      "/pods", "/services", "/persistentvolumeclaims", "/persistentvolumes", "/nodes",
      "/replicationcontrollers", "/resourcequotas",
      "apps/deployments", "apps/replicasets", "apps/statefulsets", "apps/daemonsets",
      "batch/jobs", "batch/cronjobs",
      "autoscaling/horizontalpodautoscalers", "policy/poddisruptionbudgets",
      "networking.k8s.io/ingresses", "apiextensions.k8s.io/customresourcedefinitions",
      "certificates.k8s.io/certificatesigningrequests", "storage.k8s.io/volumeattachments");

  /** Changes kept for watches that resume from a resourceVersion. */
  private static final int HISTORY_CAPACITY = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WatchHistory history = new WatchHistory(HISTORY_CAPACITY);

  /**
   * Every change of the store passes here. Besides the mock's work (store, notify watchers), a deletion gets its own
   * resourceVersion, as in Kubernetes (the mock reuses the object's last one, so a watch resuming from a later
   * version could not tell it happened), and the change is remembered in the {@link WatchHistory}.
   */
  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet existingKey,
      GenericKubernetesResource resource, String json) {
    String previous = existingKey == null ? null : map.get(existingKey);
    if (json == null && previous != null) {
      previous = withResourceVersion(previous, requestResourceVersion());
      map.put(existingKey, previous);
    }
    super.processEvent(path, pathAttributes, existingKey, resource, json);
    if (json == null ? previous == null : json.equals(previous)) {
      return; // nothing was sent to watchers either
    }
    String type = json == null ? "DELETED" : previous == null ? "ADDED" : "MODIFIED";
    String object = json == null ? previous : json;
    AttributeSet key = json == null ? existingKey : keyOf(pathAttributes, resource, json);
    history.record(resourceVersionOf(object), "{\"type\":\"" + type + "\",\"object\":" + object + "}", key);
  }

  /**
   * The events a watch on {@code path} (its query included) must get for the changes after {@code from} up to
   * {@code to}; null when they are no longer known (the client must list again: 410 Gone).
   */
  List<String> changesBetween(String path, long from, long to) {
    return history.between(from, to, getAttributeExtractor().fromPath(path));
  }

  long latestChange() {
    return history.latest();
  }

  /** The store key of an object, computed as the mock computes it. */
  private AttributeSet keyOf(AttributeSet pathAttributes, GenericKubernetesResource resource, String json) {
    AttributeSet attributes = resource != null && getAttributeExtractor() instanceof KubernetesAttributesExtractor k
        ? k.extract(resource) : getAttributeExtractor().fromResource(json);
    return attributes.containsKey("plural") ? attributes : AttributeSet.merge(pathAttributes, attributes);
  }

  private static String withResourceVersion(String object, long resourceVersion) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(object);
      node.with("metadata").put("resourceVersion", String.valueOf(resourceVersion));
      return JSON.writeValueAsString(node);
    } catch (IOException | ClassCastException e) {
      return object;
    }
  }

  private static long resourceVersionOf(String object) {
    try {
      return Long.parseLong(JSON.readTree(object).path("metadata").path("resourceVersion").asText("0"));
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public boolean isStatusSubresourceEnabledForResource(String path) {
    try {
      ApiCallLog.ApiCall call = ApiRequestPath.parse("GET", URI.create(path));
      if (call.group() != null && WITH_STATUS.contains(call.group() + "/" + call.resource())) {
        return true;
      }
    } catch (IllegalArgumentException unparsable) {
      // not a URL we understand: let the mock decide
    }
    return super.isStatusSubresourceEnabledForResource(path);
  }
}
