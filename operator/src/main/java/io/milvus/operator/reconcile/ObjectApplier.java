package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.render.Hashes;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an object in the cluster match its desired form with plain create and update (no server-side apply, so the
 * path tested against the in-memory API server is the production path). The desired form's hash is stored in an
 * annotation: an unchanged desired object costs no write, whatever defaults the API server added.
 */
public class ObjectApplier {

  public static final String DESIRED_HASH = "milvus.io/desired-hash";
  private static final Logger LOG = LoggerFactory.getLogger(ObjectApplier.class);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  /** What an apply did, for the caller's Events and logs. */
  public enum Outcome { CREATED, UPDATED, UNCHANGED }

  public record Result<T extends HasMetadata>(T object, Outcome outcome) {}

  private final KubernetesClient client;

  public ObjectApplier(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @param existing the object as last seen (from an informer cache), if any
   */
  public <T extends HasMetadata> Result<T> apply(T desired, Optional<T> existing) {
    T stamped = withHash(desired);
    if (existing.isEmpty()) {
      try {
        return new Result<>(client.resource(stamped).create(), Outcome.CREATED);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        // The cache lagged behind our own earlier create: continue from the server's copy.
        existing = Optional.ofNullable(client.resource(stamped).get());
        if (existing.isEmpty()) {
          throw e;
        }
      }
    }
    T current = existing.get();
    if (hashOf(stamped).equals(annotation(current))) {
      return new Result<>(current, Outcome.UNCHANGED);
    }
    T update = mergedForUpdate(stamped, current);
    LOG.debug("{}/{}: updating {}", desired.getMetadata().getNamespace(), desired.getMetadata().getName(),
        desired.getKind());
    return new Result<>(client.resource(update).update(), Outcome.UPDATED);
  }

  /** Creates the object unless one of that name exists; never changes an existing one (PVCs, generated Secrets). */
  public <T extends HasMetadata> Result<T> createIfAbsent(T desired, Optional<T> existing) {
    if (existing.isPresent()) {
      return new Result<>(existing.get(), Outcome.UNCHANGED);
    }
    T found = client.resource(desired).get();
    if (found != null) {
      return new Result<>(found, Outcome.UNCHANGED);
    }
    return new Result<>(client.resource(desired).create(), Outcome.CREATED);
  }

  /** Deletes the object, in the background; already gone is fine. */
  public void delete(HasMetadata object) {
    client.resource(object).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }

  private static <T extends HasMetadata> T withHash(T desired) {
    T copy = JSON.clone(desired);
    Map<String, String> annotations = new LinkedHashMap<>();
    if (copy.getMetadata().getAnnotations() != null) {
      annotations.putAll(copy.getMetadata().getAnnotations());
    }
    annotations.put(DESIRED_HASH, Hashes.sha256(JSON.asJson(desired)));
    copy.getMetadata().setAnnotations(annotations);
    return copy;
  }

  private static String hashOf(HasMetadata stamped) {
    return stamped.getMetadata().getAnnotations().get(DESIRED_HASH);
  }

  private static String annotation(HasMetadata current) {
    Map<String, String> annotations = current.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(DESIRED_HASH);
  }

  /**
   * The desired object carrying what the cluster owns on the current one: its resourceVersion (so a concurrent change
   * makes this update fail instead of being lost), annotations others added, and a Service's allocated cluster IPs.
   */
  private static <T extends HasMetadata> T mergedForUpdate(T desired, T current) {
    T update = JSON.clone(desired);
    update.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
    Map<String, String> annotations = new LinkedHashMap<>();
    if (current.getMetadata().getAnnotations() != null) {
      annotations.putAll(current.getMetadata().getAnnotations());
    }
    annotations.putAll(desired.getMetadata().getAnnotations());
    update.getMetadata().setAnnotations(annotations);
    Map<String, String> labels = new LinkedHashMap<>();
    if (current.getMetadata().getLabels() != null) {
      labels.putAll(current.getMetadata().getLabels());
    }
    if (desired.getMetadata().getLabels() != null) {
      labels.putAll(desired.getMetadata().getLabels());
    }
    update.getMetadata().setLabels(labels);
    if (update instanceof Service service && current instanceof Service live) {
      service.getSpec().setClusterIP(live.getSpec().getClusterIP());
      service.getSpec().setClusterIPs(live.getSpec().getClusterIPs());
    }
    return update;
  }
}
