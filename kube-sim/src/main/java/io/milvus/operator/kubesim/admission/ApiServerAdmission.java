package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.milvus.operator.kubesim.WriteAdmission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * What a Kubernetes 1.31 API server does to a write before it stores it: its defaults, what the mutating admission
 * plugins add (a pod's ServiceAccount token volume, a claim's default StorageClass) and what the registry allocates
 * (a Service's cluster IP and node ports); then what it refuses: bodies that do not decode (400), the ServiceAccount
 * admission of pods (403), and validation (422) of built-in kinds, of CustomResourceDefinitions and of custom
 * resources against their CRD's schema and CEL rules. Deletions pass.
 */
public final class ApiServerAdmission implements WriteAdmission {

  private static final String CRD_GROUP = "apiextensions.k8s.io";
  private static final String CRDS = "customresourcedefinitions";

  private static final String NAME_SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final Random random = new Random();
  private final ServiceAllocation serviceAllocation = new ServiceAllocation(random);
  private final CelRules cel = new CelRules();
  private final SchemaValidator schemas = new SchemaValidator(cel);
  private final CrdChecks crdChecks = new CrdChecks(cel, schemas);

  @Override
  public void applyDefaults(WriteRequest request, ObjectLookup lookup, ObjectNode object) {
    if (BuiltinRules.of(request.group(), request.resource()).isPresent()) {
      BuiltinDefaults.apply(request.group(), request.resource(), object);
      if (request.subresource() == null) {
        mutate(request, lookup, object);
      }
      return;
    }
    if (CRD_GROUP.equals(request.group()) && CRDS.equals(request.resource())) {
      return;
    }
    lookup.get(CRD_GROUP, CRDS, null, request.resource() + "." + request.group())
        .flatMap(crd -> schemaOf(crd, request.version()))
        .ifPresent(schema -> SchemaDefaults.apply(schema, object));
  }

  /** What the create or update itself adds: mutating admission plugins and the registry's allocations. */
  private void mutate(WriteRequest request, ObjectLookup lookup, ObjectNode object) {
    boolean create = request.operation() == WriteRequest.Operation.CREATE;
    switch (request.group() + "/" + request.resource()) {
      case "batch/jobs" -> {
        if (create) {
          BuiltinDefaults.generateJobSelector(object);
        }
      }
      case "/pods" -> {
        if (create) {
          ServiceAccounts.mutatePod(object, request.namespace(), lookup,
              () -> ServiceAccounts.TOKEN_VOLUME_PREFIX + randomSuffix());
        }
      }
      case "/persistentvolumeclaims" -> {
        if (create) {
          DefaultStorageClass.apply(object, lookup);
        }
      }
      case "/services" -> {
        if (create) {
          serviceAllocation.onCreate(object, request.namespace(), lookup);
        } else if (request.oldObject() != null) {
          serviceAllocation.onUpdate(object, request.oldObject(), request.namespace(), lookup);
        }
      }
      default -> {
      }
    }
  }

  /** {@code names.SimpleNameGenerator}: 5 characters that spell no word. */
  private String randomSuffix() {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(NAME_SUFFIX_ALPHABET.charAt(random.nextInt(NAME_SUFFIX_ALPHABET.length())));
    }
    return suffix.toString();
  }

  @Override
  public void applyReadDefaults(JsonNode crdVersion, ObjectNode object) {
    JsonNode schema = crdVersion.path("schema").path("openAPIV3Schema");
    if (SchemaDefaults.hasDefaults(schema)) {
      SchemaDefaults.apply(schema, object);
    }
  }

  private static Optional<JsonNode> schemaOf(JsonNode crd, String version) {
    for (JsonNode served : crd.path("spec").path("versions")) {
      if (served.path("name").asText().equals(version) && served.path("schema").path("openAPIV3Schema").isObject()) {
        return Optional.of(served.path("schema").path("openAPIV3Schema"));
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<Status> admit(WriteRequest request, ObjectLookup lookup) {
    boolean objectOrStatus = request.subresource() == null || "status".equals(request.subresource());
    if (request.operation() == WriteRequest.Operation.DELETE || request.newObject() == null || !objectOrStatus) {
      return Optional.empty(); // other subresources (scale, binding, eviction) carry other kinds
    }
    JsonNode object = request.newObject();
    JsonNode old = request.operation() == WriteRequest.Operation.UPDATE ? request.oldObject() : null;
    String name = object.path("metadata").path("name").asText(request.name() == null ? "" : request.name());
    if (CRD_GROUP.equals(request.group()) && CRDS.equals(request.resource())) {
      List<FieldError> errors = new ArrayList<>(MetaRules.validate(object.path("metadata"),
          NameRules.NameFormat.DNS1123_SUBDOMAIN, false));
      errors.addAll(crdChecks.validate(object, old));
      errors.addAll(CrdChecks.storedVersions(object, old, "status".equals(request.subresource())));
      return refusal("CustomResourceDefinition", CRD_GROUP, name, errors);
    }
    Optional<BuiltinRules.Kind> builtin = BuiltinRules.of(request.group(), request.resource());
    if (builtin.isPresent()) {
      BuiltinRules.Kind kind = builtin.get();
      Optional<String> undecodable = Decoding.problem(request.group(), request.resource(), object);
      if (undecodable.isPresent()) {
        return Optional.of(Refusals.cannotBeHandled(kind.kind(), request.version(), undecodable.get()));
      }
      Optional<Status> invalid = refusal(kind.kind(), request.group(), name, BuiltinRules.validate(kind, object, old));
      boolean core = request.group() != null && request.group().isEmpty();
      if (invalid.isPresent() || !core || request.subresource() != null) {
        return invalid;
      }
      if ("services".equals(request.resource())) {
        return serviceAllocation.claimRequested(object, old, request.namespace(), lookup);
      }
      return old == null && "pods".equals(request.resource())
          ? ServiceAccounts.admitPod(object, request.namespace(), lookup) : invalid;
    }
    return lookup.get(CRD_GROUP, CRDS, null, request.resource() + "." + request.group())
        .flatMap(crd -> customResource(crd, request, object, old, name));
  }

  private Optional<Status> customResource(JsonNode crd, WriteRequest request, JsonNode object, JsonNode old,
      String name) {
    JsonNode schema = schemaOf(crd, request.version()).orElse(null);
    boolean namespaced = "Namespaced".equals(crd.path("spec").path("scope").asText());
    List<FieldError> errors = new ArrayList<>(MetaRules.validate(object.path("metadata"),
        NameRules.NameFormat.DNS1123_SUBDOMAIN, namespaced));
    if (schema != null) {
      errors.addAll(schemas.validateObject(schema, object, old));
    }
    return refusal(crd.path("spec").path("names").path("kind").asText(), request.group(), name, errors);
  }

  private static Optional<Status> refusal(String kind, String group, String name, List<FieldError> errors) {
    return errors.isEmpty() ? Optional.empty() : Optional.of(Refusals.invalid(kind, group, name, errors));
  }
}
