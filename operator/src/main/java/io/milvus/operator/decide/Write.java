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

  static Write delete(MilvusComponent component, HasMetadata object) {
    return new Write(Kind.DELETE, object, Optional.of(object), Optional.of(component), false);
  }
}
