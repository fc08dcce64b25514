package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Status;
import io.milvus.operator.kubesim.WriteAdmission.ObjectLookup;
import java.util.Optional;

/**
 * The ServiceAccount admission plugin: a pod runs as a ServiceAccount ("default" unless it names one), which must
 * exist in its namespace, or the pod is refused (403) and its controller records FailedCreate.
 */
final class ServiceAccounts {

  private ServiceAccounts() {
  }

  static Optional<Status> admitPod(JsonNode pod, String namespace, ObjectLookup lookup) {
    JsonNode spec = pod.path("spec");
    String account = spec.path("serviceAccountName").asText("");
    if (account.isEmpty()) {
      account = spec.path("serviceAccount").asText("");
    }
    if (account.isEmpty()) {
      account = "default";
    }
    String podNamespace = namespace != null ? namespace : pod.path("metadata").path("namespace").asText("default");
    if (lookup.get("", "serviceaccounts", podNamespace, account).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(Refusals.forbidden("pods", pod.path("metadata").path("name").asText(""),
        "error looking up service account " + podNamespace + "/" + account + ": serviceaccount \"" + account
            + "\" not found"));
  }
}
