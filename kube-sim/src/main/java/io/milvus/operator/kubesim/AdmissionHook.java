package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Where today's store meets {@link WriteAdmission}: it works out the object a write would store (a status write is
 * the stored object with the new status, a write of the object keeps the stored status when status is a
 * subresource) and asks the admission before the store is touched.
 */
final class AdmissionHook {

  private final WriteAdmission admission;
  private final KubernetesCrudDispatcher store;
  private final CrdCatalog crds;
  private final ObjectMapper json;

  AdmissionHook(WriteAdmission admission, KubernetesCrudDispatcher store, CrdCatalog crds, ObjectMapper json) {
    this.admission = admission;
    this.store = store;
    this.crds = crds;
    this.json = json;
  }

  /**
   * The refusal of writing {@code body} by {@code call} to the object at {@code path} (without /status), or empty.
   * {@code stored} is the object as stored now, or null on create.
   */
  Optional<MockResponse> refusal(ApiCallLog.ApiCall call, String objectPath, JsonNode stored, JsonNode body) {
    if (!(body instanceof ObjectNode object)) {
      return Optional.empty();
    }
    boolean statusWrite = "status".equals(call.subresource());
    JsonNode candidate;
    if (statusWrite && stored instanceof ObjectNode current) {
      ObjectNode merged = current.deepCopy();
      merged.set("status", object.get("status"));
      candidate = merged;
    } else if (store.isStatusSubresourceEnabledForResource(objectPath)) {
      ObjectNode withoutNewStatus = object.deepCopy();
      withoutNewStatus.remove("status");
      if (stored != null && stored.has("status")) {
        withoutNewStatus.set("status", stored.get("status"));
      }
      candidate = withoutNewStatus;
    } else {
      candidate = object;
    }
    String name = call.name() != null ? call.name() : object.path("metadata").path("name").asText(null);
    String namespace = call.namespace() != null ? call.namespace()
        : object.path("metadata").path("namespace").asText(null);
    WriteAdmission.WriteRequest request = new WriteAdmission.WriteRequest(
        stored == null ? WriteAdmission.WriteRequest.Operation.CREATE : WriteAdmission.WriteRequest.Operation.UPDATE,
        call.group(), call.version(), call.resource(), call.subresource(), namespace, name, stored, candidate);
    return admission.admit(request, this::lookup).map(Statuses::of);
  }

  /** The stored object at a path, or null. */
  JsonNode stored(String objectPath) {
    MockResponse current = store.handleGet(objectPath);
    if (current.code() != 200 || current.getBody() == null) {
      return null;
    }
    try {
      return json.readTree(current.getBody().getBytes());
    } catch (IOException e) {
      return null;
    }
  }

  private Optional<JsonNode> lookup(String group, String resource, String namespace, String name) {
    String version = ApiDiscovery.BUILT_IN.stream()
        .filter(r -> r.group().equals(group) && r.plural().equals(resource)).map(ApiDiscovery.Resource::version)
        .findFirst().orElseGet(() -> crds.all().stream()
            .filter(c -> group.equals(c.path("spec").path("group").asText())
                && resource.equals(c.path("spec").path("names").path("plural").asText()))
            .map(c -> c.path("spec").path("versions").path(0).path("name").asText()).findFirst().orElse("v1"));
    String base = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    String path = base + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + resource + "/" + name;
    return Optional.ofNullable(stored(path));
  }
}
