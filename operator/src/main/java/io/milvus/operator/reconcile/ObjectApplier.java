package io.milvus.operator.reconcile;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.milvus.operator.adopt.TemplateHold;
import io.milvus.operator.render.ClaimRequest;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import com.fasterxml.jackson.databind.JsonNode;
import io.milvus.operator.render.OwnedFields;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.decide.Written.Outcome;
import io.milvus.operator.render.Hashes;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an object in the cluster match its desired form with plain create and update (no server-side apply, so the
 * path tested against the in-memory API server is the production path). The desired form's hash is stored in an
 * annotation so that a changed desired form is told apart from a hand edit; either way the live object is compared
 * on the fields the operator sets ({@link OwnedFields}), so whatever the API server or others added costs no write,
 * and a hand edit of an owned field is put back.
 */
public class ObjectApplier {

  public static final String DESIRED_HASH = "milvus.io/desired-hash";
  /** Annotations this operator writes that go away when its desired form no longer has them. */
  private static final Set<String> RELEASED_WHEN_ABSENT = Set.of(TemplateHold.HELD_TEMPLATE);
  private static final Logger LOG = LoggerFactory.getLogger(ObjectApplier.class);
  private static final KubernetesSerialization JSON = Serialization.KUBERNETES;

  /** @param restored with {@link Outcome#RESTORED}: the owned fields someone changed, put back */
  public record Result<T extends HasMetadata>(T object, Outcome outcome, List<String> restored) {
    Result(T object, Outcome outcome) {
      this(object, outcome, List.of());
    }
  }

  private final KubernetesClient client;
  private final VerifiedObjects verified;

  public ObjectApplier(KubernetesClient client) {
    this(client, new VerifiedObjects());
  }

  /** @param verified the objects found matching by earlier appliers (kept by the reconciler between reconciles) */
  public ObjectApplier(KubernetesClient client, VerifiedObjects verified) {
    this.client = client;
    this.verified = verified;
  }

  /**
   * @param existing the object as last seen (from an informer cache), if any
   */
  public <T extends HasMetadata> Result<T> apply(T desired, Optional<T> existing) {
    String json = JSON.asJson(desired);
    String hash = Hashes.sha256(json);
    if (existing.isPresent() && verified.matches(existing.get(), hash)) {
      return new Result<>(existing.get(), Outcome.UNCHANGED);
    }
    T stamped = withHash(desired, json, hash);
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
    T update = mergedForUpdate(stamped, current);
    List<String> drift = OwnedFields.differences(JSON.convertValue(update, JsonNode.class),
        JSON.convertValue(current, JsonNode.class));
    boolean desiredChanged = !hashOf(stamped).equals(annotation(current));
    if (!desiredChanged && drift.isEmpty()) {
      verified.verified(current, hash);
      return new Result<>(current, Outcome.UNCHANGED);
    }
    LOG.debug("{}/{}: updating {}", desired.getMetadata().getNamespace(), desired.getMetadata().getName(),
        desired.getKind());
    T written = client.resource(update).update();
    return desiredChanged ? new Result<>(written, Outcome.UPDATED) : new Result<>(written, Outcome.RESTORED, drift);
  }

  /** Creates the object unless one of that name exists; never changes an existing one (PVCs, generated Secrets). */
  public <T extends HasMetadata> Result<T> createIfAbsent(T desired, Optional<T> existing) {
    if (existing.isPresent()) {
      return new Result<>(existing.get(), Outcome.UNCHANGED);
    }
    // Create first: the cache holds everything we labelled, so the object is most likely absent, and a read is only
    // needed when it exists without our labels (made by someone else, kept as it is).
    try {
      return new Result<>(client.resource(desired).create(), Outcome.CREATED);
    } catch (KubernetesClientException e) {
      T found = e.getCode() == HttpURLConnection.HTTP_CONFLICT ? client.resource(desired).get() : null;
      if (found == null) {
        throw e;
      }
      return new Result<>(found, Outcome.UNCHANGED);
    }
  }

  /** Creates the claim unless it exists; an existing claim only grows to a larger request, nothing else changes. */
  public Result<PersistentVolumeClaim> createOrGrow(PersistentVolumeClaim desired,
      Optional<PersistentVolumeClaim> existing) {
    if (existing.isEmpty()) {
      return createIfAbsent(desired, existing);
    }
    Optional<Quantity> larger = ClaimRequest.growth(desired, existing.get());
    if (larger.isEmpty()) {
      return new Result<>(existing.get(), Outcome.UNCHANGED);
    }
    String patch = "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"" + larger.get() + "\"}}}}";
    return new Result<>(client.resource(existing.get()).patch(PatchContext.of(PatchType.JSON_MERGE), patch),
        Outcome.UPDATED);
  }

  /** Deletes the object, in the background; already gone is fine. */
  public void delete(HasMetadata object) {
    verified.forget(object);
    client.resource(object).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }

  /** A private copy of the desired object (read back from its JSON) carrying the hash of that JSON. */
  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> T withHash(T desired, String json, String hash) {
    T copy = JSON.unmarshal(json, (Class<T>) desired.getClass());
    Map<String, String> annotations = new LinkedHashMap<>();
    if (copy.getMetadata().getAnnotations() != null) {
      annotations.putAll(copy.getMetadata().getAnnotations());
    }
    annotations.put(DESIRED_HASH, hash);
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
   * Changes and returns {@code stamped}, the applier's own copy.
   */
  private static <T extends HasMetadata> T mergedForUpdate(T stamped, T current) {
    Map<String, String> desiredAnnotations = Map.copyOf(stamped.getMetadata().getAnnotations());
    T update = stamped;
    update.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
    Map<String, String> annotations = new LinkedHashMap<>();
    if (current.getMetadata().getAnnotations() != null) {
      annotations.putAll(current.getMetadata().getAnnotations());
    }
    annotations.putAll(desiredAnnotations);
    // a held pod template ends when the desired form stops holding it
    annotations.keySet().removeIf(key -> RELEASED_WHEN_ABSENT.contains(key) && !desiredAnnotations.containsKey(key));
    update.getMetadata().setAnnotations(annotations);
    Map<String, String> labels = new LinkedHashMap<>();
    if (current.getMetadata().getLabels() != null) {
      labels.putAll(current.getMetadata().getLabels());
    }
    if (stamped.getMetadata().getLabels() != null) {
      labels.putAll(stamped.getMetadata().getLabels());
    }
    update.getMetadata().setLabels(labels);
    if (update instanceof Service service && current instanceof Service live) {
      service.getSpec().setClusterIP(live.getSpec().getClusterIP());
      service.getSpec().setClusterIPs(live.getSpec().getClusterIPs());
    }
    if (update instanceof Deployment deployment && current instanceof Deployment live && live.getSpec() != null) {
      // immutable once created (the Go operator's, or an earlier release's, stays)
      deployment.getSpec().setSelector(live.getSpec().getSelector());
      if (deployment.getSpec().getReplicas() == null) {
        // replicas: -1, the count belongs to an autoscaler or kubectl scale: keep it (absent, a PUT would reset it to 1)
        deployment.getSpec().setReplicas(live.getSpec().getReplicas());
      }
    }
    return update;
  }
}
