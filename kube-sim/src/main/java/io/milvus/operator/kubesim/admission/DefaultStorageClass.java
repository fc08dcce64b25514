package io.milvus.operator.kubesim.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvus.operator.kubesim.WriteAdmission.ObjectLookup;
import java.util.Comparator;
import java.util.Optional;

/**
 * The DefaultStorageClass admission plugin ({@code plugin/pkg/admission/storage/storageclass/setdefault}) on claim
 * create: a claim that names no class (no {@code storageClassName}, not even "", and no beta class annotation) gets
 * the default StorageClass's name; when several are marked default, the newest (then the first by name,
 * {@code GetDefaultClass}); when none, nothing. Later updates never default it (a bound claim's class is immutable).
 */
final class DefaultStorageClass {

  static final String IS_DEFAULT = "storageclass.kubernetes.io/is-default-class";
  private static final String BETA_IS_DEFAULT = "storageclass.beta.kubernetes.io/is-default-class";
  private static final String BETA_CLAIM_CLASS = "volume.beta.kubernetes.io/storage-class";

  private DefaultStorageClass() {
  }

  static void apply(ObjectNode claim, ObjectLookup lookup) {
    ObjectNode spec = claim.with("spec");
    if (spec.hasNonNull("storageClassName") || claim.path("metadata").path("annotations").has(BETA_CLAIM_CLASS)) {
      return;
    }
    defaultClass(lookup).ifPresent(name -> spec.put("storageClassName", name));
  }

  private static Optional<String> defaultClass(ObjectLookup lookup) {
    return lookup.list("storage.k8s.io", "storageclasses", null).stream()
        .filter(DefaultStorageClass::isDefault)
        .min(Comparator.comparing((JsonNode c) -> c.path("metadata").path("creationTimestamp").asText("")).reversed()
            .thenComparing(c -> c.path("metadata").path("name").asText("")))
        .map(c -> c.path("metadata").path("name").asText());
  }

  private static boolean isDefault(JsonNode storageClass) {
    JsonNode annotations = storageClass.path("metadata").path("annotations");
    return "true".equals(annotations.path(IS_DEFAULT).asText()) || "true".equals(annotations.path(BETA_IS_DEFAULT).asText());
  }
}
