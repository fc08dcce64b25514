package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import java.util.List;
import java.util.Optional;

/**
 * The check every write passes once the object it would store is known (after a patch is applied, after a status
 * write is merged into the stored object) and before it is stored: the API server's admission and validation.
 * The store calls it; the rules live apart from the store, so either can be replaced without the other.
 */
@FunctionalInterface
public interface WriteAdmission {

  /** Admits everything: the store's behaviour without rules. */
  WriteAdmission ALLOW_ALL = (request, lookup) -> Optional.empty();

  /**
   * The refusal to answer with (a Kubernetes {@code Status} with its code, reason, message and field causes), or empty
   * when the write may be stored.
   */
  Optional<Status> admit(WriteRequest request, ObjectLookup lookup);

  /**
   * Fills in, in place, what the API server sets on an object it decodes from a create or an update body (after a
   * patch is applied) before any check: its defaults and what mutating admission adds. The request's
   * {@code newObject} is {@code object}. Nothing by default.
   */
  default void applyDefaults(WriteRequest request, ObjectLookup lookup, ObjectNode object) {
  }

  /**
   * Fills in, in place, the defaults of a stored custom resource as it is read, for a CRD version ({@code
   * spec.versions[i]}) whose schema changed after the object was stored. Nothing by default.
   */
  default void applyReadDefaults(JsonNode crdVersion, ObjectNode object) {
  }

  /** One write, as the store is about to make it. */
  record WriteRequest(Operation operation, String group, String version, String resource, String subresource,
      String namespace, String name, JsonNode oldObject, JsonNode newObject) {

    /** What the write does; a DELETE carries the object being deleted as {@code oldObject}. */
    public enum Operation { CREATE, UPDATE, DELETE }
  }

  /** Reads of the store an admission rule may need (a pod's ServiceAccount, a custom resource's CRD). */
  interface ObjectLookup {
    /** The stored object, or empty; {@code group} is "" for the core group, {@code namespace} null when cluster-scoped. */
    Optional<JsonNode> get(String group, String resource, String namespace, String name);

    /** The stored objects of a kind (e.g. the StorageClasses); {@code namespace} null: all of them. */
    List<JsonNode> list(String group, String resource, String namespace);
  }
}
