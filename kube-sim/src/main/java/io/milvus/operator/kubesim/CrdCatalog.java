package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The CustomResourceDefinitions in the store: which resources are custom, their schemas and printer columns. Kept
 * as read at the CRDs' last change, so that a write does not read them again.
 */
final class CrdCatalog {

  private static final ObjectStore.Kind CRDS = new ObjectStore.Kind("apiextensions.k8s.io", "customresourcedefinitions");
  private static final ObjectStore.Query ALL = new ObjectStore.Query(CRDS, null, null, LabelSelector.EVERYTHING, null);

  /** The CRDs as of a change of them. */
  private record Snapshot(long version, List<JsonNode> crds) {
  }

  private final ObjectStore store;
  private volatile Snapshot last = new Snapshot(-1, List.of());

  CrdCatalog(ObjectStore store) {
    this.store = store;
  }

  /** Every stored CRD as JSON; callers must not change them. */
  List<JsonNode> all() {
    long version = store.lastChange(CRDS);
    Snapshot cached = last;
    if (cached.version() == version) {
      return cached.crds();
    }
    List<JsonNode> crds = store.list(ALL, null, 0).items().stream().map(o -> (JsonNode) o.object()).toList();
    last = new Snapshot(version, crds);
    return crds;
  }

  /** The kind of a custom resource, by group and plural. */
  Optional<String> kind(String group, String plural) {
    for (JsonNode crd : all()) {
      JsonNode spec = crd.path("spec");
      if (group.equals(spec.path("group").asText()) && plural.equals(spec.path("names").path("plural").asText())) {
        return Optional.of(spec.path("names").path("kind").asText());
      }
    }
    return Optional.empty();
  }

  /** A served version entry ({@code spec.versions[i]}) and the resourceVersion of its CRD's last change. */
  record Served(JsonNode version, long changedAt) {
  }

  /** The version entry of {@code group/version} and plural resource with its CRD's last change, if it is custom. */
  Optional<Served> served(String group, String version, String plural) {
    if (group == null || group.isEmpty() || !group.contains(".")) {
      return Optional.empty();
    }
    for (JsonNode crd : all()) {
      JsonNode spec = crd.path("spec");
      if (group.equals(spec.path("group").asText()) && plural.equals(spec.path("names").path("plural").asText())) {
        long changedAt = crd.path("metadata").path("resourceVersion").asLong(0);
        for (JsonNode v : spec.path("versions")) {
          if (version.equals(v.path("name").asText())) {
            return Optional.of(new Served(v, changedAt));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The served version entry ({@code spec.versions[i]}) of the CRD for {@code group/version} and plural resource. */
  Optional<JsonNode> version(String group, String version, String plural) {
    return served(group, version, plural).map(Served::version);
  }
}
