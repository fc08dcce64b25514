package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.milvus.operator.kubesim.WriteAdmission.ObjectLookup;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ServiceAccount admission plugin ({@code plugin/pkg/admission/serviceaccount/admission.go}) on pod create: a pod
 * runs as a ServiceAccount ("default" unless it names one), which must exist in its namespace, or the pod is refused
 * (403) and its controller records FailedCreate. Unless the pod or its ServiceAccount turns automounting off, every
 * container and init container gets the API token, as the bound token volume {@code kube-api-access-<5 random>}
 * (a projected token, the cluster CA from the {@code kube-root-ca.crt} ConfigMap and the namespace) mounted read-only
 * at {@value #TOKEN_MOUNT_PATH}; a container that mounts something there already is left as it is. The pod takes the
 * ServiceAccount's imagePullSecrets when it has none.
 */
final class ServiceAccounts {

  static final String TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
  static final String TOKEN_VOLUME_PREFIX = "kube-api-access-";
  /** The root-ca-cert-publisher's ConfigMap, in every namespace. */
  static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";
  /** {@code serviceaccount.WarnOnlyBoundTokenExpirationSeconds}: an hour and 7 seconds. */
  private static final int TOKEN_EXPIRATION_SECONDS = 3607;

  private ServiceAccounts() {
  }

  private static String accountOf(JsonNode pod) {
    JsonNode spec = pod.path("spec");
    String account = spec.path("serviceAccountName").asText("");
    if (account.isEmpty()) {
      account = spec.path("serviceAccount").asText("");
    }
    return account.isEmpty() ? "default" : account;
  }

  private static String namespaceOf(JsonNode pod, String namespace) {
    return namespace != null ? namespace : pod.path("metadata").path("namespace").asText("default");
  }

  static Optional<Status> admitPod(JsonNode pod, String namespace, ObjectLookup lookup) {
    String account = accountOf(pod);
    String podNamespace = namespaceOf(pod, namespace);
    if (lookup.get("", "serviceaccounts", podNamespace, account).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(Refusals.forbidden("pods", pod.path("metadata").path("name").asText(""),
        "error looking up service account " + podNamespace + "/" + account + ": serviceaccount \"" + account
            + "\" not found"));
  }

  /**
   * What the plugin adds to a pod being created: the token volume and its mounts, and the ServiceAccount's pull
   * secrets. Nothing when the ServiceAccount does not exist (the pod is refused).
   *
   * @param volumeName the name of a new token volume, {@code kube-api-access-} and 5 random characters
   */
  static void mutatePod(ObjectNode pod, String namespace, ObjectLookup lookup, Supplier<String> volumeName) {
    Optional<JsonNode> account = lookup.get("", "serviceaccounts", namespaceOf(pod, namespace), accountOf(pod));
    if (account.isEmpty()) {
      return;
    }
    ObjectNode spec = pod.with("spec");
    if (automounts(spec, account.get())) {
      mountToken(spec, volumeName);
    }
    JsonNode pullSecrets = account.get().path("imagePullSecrets");
    if (spec.path("imagePullSecrets").isEmpty() && !pullSecrets.isEmpty()) {
      ArrayNode secrets = spec.putArray("imagePullSecrets");
      pullSecrets.forEach(secret -> secrets.addObject().put("name", secret.path("name").asText("")));
    }
  }

  /** The pod's choice wins, then its ServiceAccount's; by default the token is mounted. */
  private static boolean automounts(JsonNode podSpec, JsonNode account) {
    JsonNode pod = podSpec.get("automountServiceAccountToken");
    if (pod != null && pod.isBoolean()) {
      return pod.asBoolean();
    }
    JsonNode fromAccount = account.get("automountServiceAccountToken");
    return fromAccount == null || !fromAccount.isBoolean() || fromAccount.asBoolean();
  }

  private static void mountToken(ObjectNode spec, Supplier<String> newVolumeName) {
    String name = null;
    for (JsonNode volume : spec.path("volumes")) {
      if (volume.path("name").asText("").startsWith(TOKEN_VOLUME_PREFIX)) {
        name = volume.path("name").asText();
        break;
      }
    }
    boolean hasVolume = name != null;
    if (!hasVolume) {
      name = newVolumeName.get();
    }
    boolean mounted = false;
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode container : spec.path(list)) {
        if (container.isObject() && !mountsTokenPath(container)) {
          ((ObjectNode) container).withArray("volumeMounts").addObject()
              .put("name", name).put("readOnly", true).put("mountPath", TOKEN_MOUNT_PATH);
          mounted = true;
        }
      }
    }
    if (mounted && !hasVolume) {
      spec.withArray("volumes").add(tokenVolume(name));
    }
  }

  private static boolean mountsTokenPath(JsonNode container) {
    for (JsonNode mount : container.path("volumeMounts")) {
      if (TOKEN_MOUNT_PATH.equals(mount.path("mountPath").asText())) {
        return true;
      }
    }
    return false;
  }

  /** {@code TokenVolumeSource()}, with the defaultMode the v1 defaults give a projected volume. */
  private static ObjectNode tokenVolume(String name) {
    ObjectNode volume = JsonNodes.object().put("name", name);
    ObjectNode projected = volume.putObject("projected");
    ArrayNode sources = projected.putArray("sources");
    sources.addObject().putObject("serviceAccountToken")
        .put("expirationSeconds", TOKEN_EXPIRATION_SECONDS).put("path", "token");
    ObjectNode configMap = sources.addObject().putObject("configMap").put("name", ROOT_CA_CONFIG_MAP);
    configMap.putArray("items").addObject().put("key", "ca.crt").put("path", "ca.crt");
    sources.addObject().putObject("downwardAPI").putArray("items").addObject().put("path", "namespace")
        .putObject("fieldRef").put("apiVersion", "v1").put("fieldPath", "metadata.namespace");
    projected.put("defaultMode", 420);
    return volume;
  }
}
