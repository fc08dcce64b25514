package io.milvus.operator.decide;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.milvus.operator.render.MilvusComponent;
import java.util.Optional;

/**
 * One write the decision asks for.
 *
 * @param kind how the object is written
 * @param object the desired form (for {@link Kind#DELETE}, the object to delete)
 * @param current the object as the cache holds it, if any
 * @param component the Milvus component whose Deployment this is, if it is one
 * @param restoresDeleted whether a create puts back an object that was there (deleted by hand)
 */
public record Write(Kind kind, HasMetadata object, Optional<HasMetadata> current, Optional<MilvusComponent> component,
    boolean restoresDeleted) {

  public enum Kind {
    /** Create, or update what differs on the fields the operator owns. */
    APPLY,
    /** Create unless one of that name exists; never change it (generated Secrets, Jobs). */
    CREATE_IF_ABSENT,
    /** Create a claim unless it exists; an existing claim only grows. */
    CREATE_OR_GROW,
    /**
     * Set annotations and labels on the Milvus itself (a merge patch of its metadata alone): {@code object} is a
     * Milvus holding only those; a null label or annotation value removes it.
     */
    MARK_MILVUS,
    DELETE
  }

  static Write of(Kind kind, HasMetadata object, Optional<? extends HasMetadata> current, boolean restoresDeleted) {
    return new Write(kind, object, current.map(HasMetadata.class::cast), Optional.empty(), restoresDeleted);
  }

  static Write deployment(MilvusComponent component, HasMetadata object, Optional<? extends HasMetadata> current,
      boolean restoresDeleted) {
    return new Write(Kind.APPLY, object, current.map(HasMetadata.class::cast), Optional.of(component),
        restoresDeleted);
  }

  /** A Deployment that is not the one serving its component (a queryNode group at rest, or one being replaced). */
  static Write otherDeployment(HasMetadata object, Optional<? extends HasMetadata> current) {
    return new Write(Kind.APPLY, object, current.map(HasMetadata.class::cast), Optional.empty(), false);
  }

  /** An object the spec no longer asks for (not a component's Deployment). */
  static Write remove(HasMetadata object) {
    return new Write(Kind.DELETE, object, Optional.of(object), Optional.empty(), false);
  }

  static Write delete(MilvusComponent component, HasMetadata object) {
    return new Write(Kind.DELETE, object, Optional.of(object), Optional.of(component), false);
  }
}
