package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Optional;

/** Owner references, as the built-in controllers set and read them. */
final class Owners {

  private Owners() {
  }

  static OwnerReference controllerRef(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  static List<OwnerReference> refs(HasMetadata object) {
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    return refs == null ? List.of() : refs;
  }

  static Optional<OwnerReference> controllerOf(HasMetadata object) {
    return refs(object).stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
  }

  /** The name of the object's controller if it is of the given kind. */
  static Optional<String> controllerName(HasMetadata object, String kind) {
    return controllerOf(object).filter(r -> kind.equals(r.getKind())).map(OwnerReference::getName);
  }

  static boolean isControlledBy(HasMetadata object, HasMetadata owner) {
    String uid = owner.getMetadata().getUid();
    return controllerOf(object).map(r -> r.getUid().equals(uid)).orElse(false);
  }

  static boolean isTerminating(HasMetadata object) {
    return object.getMetadata().getDeletionTimestamp() != null;
  }
}
