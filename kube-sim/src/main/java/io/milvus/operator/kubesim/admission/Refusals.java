package io.milvus.operator.kubesim.admission;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import java.util.List;
import java.util.stream.Collectors;

/** The API server's refusals as {@code Status} objects: 422 Invalid with field causes, 400, 403, 500. */
public final class Refusals {

  private Refusals() {
  }

  /**
   * 422 as the server writes it: {@code Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1: ...},
   * with one cause per error so kubectl prints {@code The Deployment "x" is invalid: ...}.
   */
  public static Status invalid(String kind, String group, String name, List<FieldError> errors) {
    String qualifiedKind = group == null || group.isEmpty() ? kind : kind + "." + group;
    String aggregate = errors.size() == 1 ? errors.get(0).toString()
        : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
    List<StatusCause> causes = errors.stream().map(e -> new StatusCauseBuilder()
        .withReason(e.type().reason).withMessage(e.body()).withField(e.field()).build()).toList();
    return new StatusBuilder().withStatus("Failure").withCode(422).withReason("Invalid")
        .withMessage(qualifiedKind + " \"" + name + "\" is invalid: " + aggregate)
        .withNewDetails().withName(name).withGroup(group).withKind(kind).withCauses(causes).endDetails()
        .build();
  }

  /** 400: the body cannot be decoded into the kind, e.g. a quantity {@code 1Gb} or a string where a number goes. */
  public static Status cannotBeHandled(String kind, String version, String reason) {
    return badRequest(kind + " in version \"" + version + "\" cannot be handled as a " + kind + ": " + reason);
  }

  public static Status badRequest(String message) {
    return new StatusBuilder().withStatus("Failure").withCode(400).withReason("BadRequest").withMessage(message).build();
  }

  /** 500 as {@code errors.NewInternalError} writes it: the store's own failure, e.g. an allocation it cannot make. */
  public static Status internalError(String why) {
    return new StatusBuilder().withStatus("Failure").withCode(500).withReason("InternalError")
        .withMessage("Internal error occurred: " + why)
        .withNewDetails().addNewCause().withMessage(why).endCause().endDetails()
        .build();
  }

  /** 403 from an admission plugin, e.g. {@code pods "x" is forbidden: error looking up service account ...}. */
  public static Status forbidden(String resource, String name, String why) {
    return new StatusBuilder().withStatus("Failure").withCode(403).withReason("Forbidden")
        .withMessage(resource + " \"" + name + "\" is forbidden: " + why)
        .withNewDetails().withName(name).withKind(resource).endDetails()
        .build();
  }
}
