package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.MockResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The CustomResourceDefinitions in the store, read fresh on each use (they are few and change rarely, and a cache
 * would have to follow every write): which resources are custom, their schemas and printer columns.
 */
final class CrdCatalog {

  static final String CRDS_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  /** The last list read and its parse: parsing the CRDs (hundreds of KB with schemas) on every write is slow. */
  private record Parsed(String raw, List<JsonNode> crds) {
  }

  private final Function<String, MockResponse> storeGet;
  private final ObjectMapper json;
  private volatile Parsed last = new Parsed("", List.of());

  /** @param storeGet reads a path from the store, e.g. the CRUD dispatcher's {@code handleGet} */
  CrdCatalog(Function<String, MockResponse> storeGet, ObjectMapper json) {
    this.storeGet = storeGet;
    this.json = json;
  }

  /** Every stored CRD as JSON; callers must not change them. */
  List<JsonNode> all() {
    MockResponse stored = storeGet.apply(CRDS_PATH);
    if (stored.code() != 200 || stored.getBody() == null) {
      return List.of();
    }
    String raw = new String(stored.getBody().getBytes(), StandardCharsets.UTF_8);
    Parsed cached = last;
    if (cached.raw().equals(raw)) {
      return cached.crds();
    }
    List<JsonNode> crds = new ArrayList<>();
    try {
      json.readTree(raw).path("items").forEach(crds::add);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable CRD list", e);
    }
    last = new Parsed(raw, List.copyOf(crds));
    return last.crds();
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

  /** The served version entry ({@code spec.versions[i]}) of the CRD for {@code group/version} and plural resource. */
  Optional<JsonNode> version(String group, String version, String plural) {
    if (group == null || group.isEmpty() || !group.contains(".")) {
      return Optional.empty(); // built-in groups ("", "apps", "batch"...) hold no custom resources here
    }
    for (JsonNode crd : all()) {
      JsonNode spec = crd.path("spec");
      if (group.equals(spec.path("group").asText()) && plural.equals(spec.path("names").path("plural").asText())) {
        for (JsonNode v : spec.path("versions")) {
          if (version.equals(v.path("name").asText())) {
            return Optional.of(v);
          }
        }
      }
    }
    return Optional.empty();
  }
}
