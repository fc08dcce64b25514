package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import java.net.URI;
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
