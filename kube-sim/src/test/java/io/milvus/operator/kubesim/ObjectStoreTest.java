package io.milvus.operator.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import java.nio.charset.StandardCharsets;
import io.milvus.operator.kubesim.faults.Faults;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store's API semantics, request by request, without HTTP. */
class ObjectStoreTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG_MAPS = "/api/v1/namespaces/ns/configmaps";
  private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/ns/deployments";

  private final List<WriteAdmission.WriteRequest> admitted = new ArrayList<>();
  private WriteAdmission admission = (request, lookup) -> {
    admitted.add(request);
    return Optional.empty();
  };
  private final SimDispatcher api = new SimDispatcher(new ObjectStore(3), (r, l) -> admission.admit(r, l),
      Clock.systemUTC(), new Faults("kube-sim-controllers"));

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void listsSelectByEqualityAndSetBasedLabelSelectors() {
    create(CONFIG_MAPS, configMap("a", "{\"env\":\"prod\",\"release\":\"r1\"}"));
    create(CONFIG_MAPS, configMap("b", "{\"env\":\"dev\"}"));
    create(CONFIG_MAPS, configMap("c", "{\"env\":\"test\",\"release\":\"r2\"}"));
    create("/api/v1/namespaces/other/configmaps", configMap("d", "{\"env\":\"prod\"}"));

    assertThat(names(CONFIG_MAPS + "?labelSelector=env%3Dprod")).containsExactly("a");
    assertThat(names("/api/v1/configmaps?labelSelector=env%3Dprod")).containsExactly("a", "d");
    assertThat(names(CONFIG_MAPS + "?labelSelector=env%20in%20(prod,dev)")).containsExactly("a", "b");
    assertThat(names(CONFIG_MAPS + "?labelSelector=env%20notin%20(prod)")).containsExactly("b", "c");
    assertThat(names(CONFIG_MAPS + "?labelSelector=release")).containsExactly("a", "c");
    assertThat(names(CONFIG_MAPS + "?labelSelector=!release,env!%3Dtest")).containsExactly("b");
    assertThat(names(CONFIG_MAPS + "?fieldSelector=metadata.name%3Db")).containsExactly("b");
    assertThat(send("GET", CONFIG_MAPS + "?labelSelector=env%20in%20(a", null).code()).isEqualTo(400);
  }

  @Test
  void listsComeInPagesThatContinueWhereTheyStopped() {
    for (String name : List.of("a", "b", "c")) {
      create(CONFIG_MAPS, configMap(name, "{}"));
    }
    JsonNode first = body(send("GET", CONFIG_MAPS + "?limit=2", null));
    assertThat(first.path("kind").asText()).isEqualTo("ConfigMapList");
    assertThat(first.path("items")).hasSize(2);
    String token = first.path("metadata").path("continue").asText();
    JsonNode rest = body(send("GET", CONFIG_MAPS + "?limit=2&continue=" + token, null));
    assertThat(rest.path("items")).extracting(i -> i.path("metadata").path("name").asText()).containsExactly("c");
    assertThat(rest.path("metadata").has("continue")).isFalse();
  }

  @Test
  void aLabelledListOfOneNamespaceFollowsLabelChangesAndPages() {
    for (String name : List.of("a", "b", "c")) {
      create(CONFIG_MAPS, configMap(name, "{\"app\":\"web\",\"tier\":\"front\"}"));
    }
    create("/api/v1/namespaces/nt/configmaps", configMap("a", "{\"app\":\"web\"}"));
    create("/api/v1/namespaces/nt/configmaps", configMap("b", "{\"app\":\"web\"}"));
    send("PATCH", CONFIG_MAPS + "/b", "{\"metadata\":{\"labels\":{\"tier\":\"back\"}}}", "application/merge-patch+json");
    send("PATCH", CONFIG_MAPS + "/c", "{\"data\":{\"k\":\"v\"}}", "application/merge-patch+json");

    assertThat(names(CONFIG_MAPS + "?labelSelector=app%3Dweb")).containsExactly("a", "b", "c");
    assertThat(names(CONFIG_MAPS + "?labelSelector=tier%3Dfront")).containsExactly("a", "c");
    assertThat(names(CONFIG_MAPS + "?labelSelector=tier%3Dback")).containsExactly("b");
    assertThat(names("/api/v1/namespaces/nt/configmaps?labelSelector=app%3Dweb")).containsExactly("a", "b");
    JsonNode first = body(send("GET", CONFIG_MAPS + "?labelSelector=app%3Dweb&limit=2", null));
    String token = first.path("metadata").path("continue").asText();
    assertThat(names(CONFIG_MAPS + "?labelSelector=app%3Dweb&limit=2&continue=" + token)).containsExactly("c");
    JsonNode firstFront = body(send("GET", CONFIG_MAPS + "?labelSelector=app%3Dweb,tier%3Dfront&limit=1", null));
    assertThat(names(CONFIG_MAPS + "?labelSelector=app%3Dweb,tier%3Dfront&limit=1&continue="
        + firstFront.path("metadata").path("continue").asText())).containsExactly("c");
    send("DELETE", CONFIG_MAPS + "/a", null);
    assertThat(names(CONFIG_MAPS + "?labelSelector=app%3Dweb")).containsExactly("b", "c");
    assertThat(names(CONFIG_MAPS + "?labelSelector=tier%3Dfront")).containsExactly("c");
    assertThat(names("/api/v1/configmaps?labelSelector=app%3Dweb")).containsExactly("b", "c", "a", "b");
  }

  @Test
  void aStaleResourceVersionConflictsAndOnlySpecChangesBumpTheGeneration() {
    JsonNode created = body(create(DEPLOYMENTS, deployment("web", 1)));
    assertThat(created.path("metadata").path("generation").asLong()).isEqualTo(1);
    String version = created.path("metadata").path("resourceVersion").asText();

    JsonNode labelled = body(send("PATCH", DEPLOYMENTS + "/web", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}",
        "application/merge-patch+json"));
    assertThat(labelled.path("metadata").path("generation").asLong()).isEqualTo(1);

    MockResponse stale = send("PUT", DEPLOYMENTS + "/web", deployment("web", 2).replace("\"name\":\"web\"",
        "\"name\":\"web\",\"resourceVersion\":\"" + version + "\""));
    assertThat(stale.code()).isEqualTo(409);
    assertThat(body(stale).path("reason").asText()).isEqualTo("Conflict");

    JsonNode scaled = body(send("PATCH", DEPLOYMENTS + "/web", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\","
        + "\"value\":3}]", "application/json-patch+json"));
    assertThat(scaled.path("metadata").path("generation").asLong()).isEqualTo(2);
    assertThat(Long.parseLong(scaled.path("metadata").path("resourceVersion").asText()))
        .isGreaterThan(Long.parseLong(labelled.path("metadata").path("resourceVersion").asText()));
  }

  @Test
  void statusWritesChangeOnlyTheStatusAndObjectWritesKeepIt() {
    create(DEPLOYMENTS, deployment("web", 1));
    JsonNode status = body(send("PATCH", DEPLOYMENTS + "/web/status",
        "{\"spec\":{\"replicas\":9},\"status\":{\"replicas\":1}}", "application/merge-patch+json"));
    assertThat(status.path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(status.path("status").path("replicas").asInt()).isEqualTo(1);

    JsonNode object = body(send("PATCH", DEPLOYMENTS + "/web", "{\"spec\":{\"replicas\":2},\"status\":null}",
        "application/merge-patch+json"));
    assertThat(object.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(object.path("status").path("replicas").asInt()).isEqualTo(1);
  }

  @Test
  void generateNameGetsARandomSuffixAndANameTakenIsRefused() {
    JsonNode generated = body(create(CONFIG_MAPS,
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"job-\"}}"));
    assertThat(generated.path("metadata").path("name").asText()).matches("job-[a-z0-9]{5}");
    assertThat(generated.path("metadata").path("uid").asText()).isNotEmpty();
    assertThat(generated.path("metadata").path("creationTimestamp").asText()).endsWith("Z");

    create(CONFIG_MAPS, configMap("a", "{}"));
    MockResponse again = send("POST", CONFIG_MAPS, configMap("a", "{}"));
    assertThat(again.code()).isEqualTo(409);
    assertThat(body(again).path("message").asText()).isEqualTo("configmaps \"a\" already exists");
  }

  @Test
  void aDeletionWaitsForTheFinalizersAndTheLastOneRemovedDeletes() {
    create(CONFIG_MAPS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"kept\","
        + "\"finalizers\":[\"example.com/cleanup\"]}}");
    JsonNode marked = body(send("DELETE", CONFIG_MAPS + "/kept", null));
    assertThat(marked.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
    assertThat(send("GET", CONFIG_MAPS + "/kept", null).code()).isEqualTo(200);

    send("PATCH", CONFIG_MAPS + "/kept", "{\"metadata\":{\"finalizers\":null}}", "application/merge-patch+json");
    assertThat(send("GET", CONFIG_MAPS + "/kept", null).code()).isEqualTo(404);
  }

  @Test
  void everyWriteShowsAdmissionItsFinalObjectAndARefusalStoresNothing() {
    create(DEPLOYMENTS, deployment("web", 1));
    send("PATCH", DEPLOYMENTS + "/web", "{\"spec\":{\"replicas\":4}}", "application/strategic-merge-patch+json");
    send("DELETE", DEPLOYMENTS + "/web", null);
    assertThat(admitted).extracting(WriteAdmission.WriteRequest::operation).containsExactly(
        WriteAdmission.WriteRequest.Operation.CREATE, WriteAdmission.WriteRequest.Operation.UPDATE,
        WriteAdmission.WriteRequest.Operation.DELETE);
    WriteAdmission.WriteRequest patch = admitted.get(1);
    assertThat(patch.oldObject().path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(patch.newObject().path("spec").path("replicas").asInt()).isEqualTo(4);
    assertThat(patch.newObject().path("metadata").path("uid").asText()).isNotEmpty();

    admission = (request, lookup) -> Optional.of(new StatusBuilder().withStatus("Failure").withCode(422)
        .withReason("Invalid").withMessage("Deployment.apps \"web\" is invalid").build());
    MockResponse refused = create(DEPLOYMENTS, deployment("web", 1));
    assertThat(refused.code()).isEqualTo(422);
    assertThat(body(refused).path("message").asText()).isEqualTo("Deployment.apps \"web\" is invalid");
    assertThat(send("GET", DEPLOYMENTS + "/web", null).code()).isEqualTo(404);
  }

  @Test
  void aWatchResumesAfterItsVersionAndAnswersExpiredWhenThatIsForgotten() {
    String version = body(create(CONFIG_MAPS, configMap("a", "{}"))).path("metadata").path("resourceVersion").asText();
    create(CONFIG_MAPS, configMap("b", "{}"));
    send("DELETE", CONFIG_MAPS + "/a", null);

    List<String> events = watch(CONFIG_MAPS + "?watch=true&resourceVersion=" + version);
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).startsWith("{\"type\":\"ADDED\"").contains("\"name\":\"b\"");
    assertThat(events.get(1)).startsWith("{\"type\":\"DELETED\"").contains("\"name\":\"a\"");

    create(CONFIG_MAPS, configMap("c", "{}"));
    create(CONFIG_MAPS, configMap("d", "{}")); // the store keeps 3 changes: the one after `version` is gone
    assertThat(watch(CONFIG_MAPS + "?watch=true&resourceVersion=" + version))
        .singleElement().asString().contains("\"code\":410");
  }

  private List<String> watch(String path) {
    List<String> events = new ArrayList<>();
    MockResponse answer = send("GET", path, null);
    answer.getWebSocketListener().onOpen(new WebSocket() {
      @Override
      public RecordedRequest request() {
        return null;
      }

      @Override
      public boolean send(String text) {
        events.add(text);
        return true;
      }

      @Override
      public boolean send(byte[] bytes) {
        return send(new String(bytes, StandardCharsets.UTF_8));
      }

      @Override
      public boolean close(int code, String reason) {
        return true;
      }
    }, answer);
    answer.getWebSocketListener().onClosed(null, 1000, "done");
    return events;
  }

  private List<String> names(String path) {
    MockResponse answer = send("GET", path, null);
    assertThat(answer.code()).as(path).isEqualTo(200);
    return StreamSupport.stream(body(answer).path("items").spliterator(), false)
        .map(i -> i.path("metadata").path("name").asText()).toList();
  }

  private MockResponse create(String path, String object) {
    return send("POST", path, object);
  }

  private MockResponse send(String method, String path, String body) {
    return send(method, path, body, "application/json");
  }

  private MockResponse send(String method, String path, String body, String contentType) {
    return api.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.valueOf(method), path,
        Headers.builder().add("Content-Type", contentType).build(),
        new Buffer(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8))));
  }

  private static JsonNode body(MockResponse response) {
    try {
      return JSON.readTree(response.getBody().getBytes());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String configMap(String name, String labels) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labels
        + "}}";
  }

  private static String deployment(String name, int replicas) {
    return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\"},"
        + "\"spec\":{\"replicas\":" + replicas + ",\"selector\":{\"matchLabels\":{\"app\":\"" + name + "\"}}}}";
  }
}
