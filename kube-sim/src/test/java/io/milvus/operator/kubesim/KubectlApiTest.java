package io.milvus.operator.kubesim;

import static io.milvus.operator.kubesim.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API as kubectl uses it (plain HTTP requests, no fabric8 client in the way). */
class KubectlApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
  private static final String WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";
  private static final String CRD = """
      {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
       "metadata":{"name":"widgets.example.com"},
       "spec":{"group":"example.com","scope":"Namespaced",
        "names":{"kind":"Widget","plural":"widgets","singular":"widget"},
        "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
          "additionalPrinterColumns":[{"name":"Size","type":"integer","jsonPath":".spec.size"},
                                      {"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}],
          "schema":{"openAPIV3Schema":{"type":"object","properties":{
            "spec":{"type":"object","properties":{"size":{"type":"integer"},
                    "tags":{"type":"array","items":{"type":"string"}}}},
            "status":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}}]}}""";

  private static KubeSim sim;
  private static KubernetesClient client;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    sim = KubeSim.start();
    client = sim.newClient();
    client.resource(client.getKubernetesSerialization().unmarshal(CRD, CustomResourceDefinition.class)).create();
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  private static HttpResponse<String> send(String method, String path, String contentType, String body,
      String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.url() + path.substring(1)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (accept != null) {
      request.header("Accept", accept);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void getWithTableAcceptAnswersATableWithTheCrdsPrinterColumns() throws Exception {
    send("POST", WIDGETS, "application/json",
        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"table\"},\"spec\":{\"size\":3}}",
        null);
    JsonNode table = json(send("GET", WIDGETS, null, null, TABLE));
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "Size", "Age");
    JsonNode row = null;
    for (JsonNode r : table.path("rows")) {
      row = r.path("cells").get(0).asText().equals("table") ? r : row;
    }
    assertThat(row).isNotNull();
    assertThat(row.path("cells").get(1).asInt()).isEqualTo(3);
    assertThat(row.at("/object/kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(json(send("GET", WIDGETS + "/table", null, null, TABLE)).path("rows")).hasSize(1);
  }

  @Test
  void listsAreTypedAndEventsCanBeSelectedByTheObjectTheyAreAbout() throws Exception {
    for (String about : new String[] {"mine", "other"}) {
      client.v1().events().inNamespace("default").resource(new EventBuilder()
          .withNewMetadata().withName(about + ".1").endMetadata()
          .withNewInvolvedObject().withKind("Widget").withName(about).withNamespace("default").endInvolvedObject()
          .withReason("Tested").withType("Normal").build()).create();
    }
    JsonNode events = json(send("GET", "/api/v1/namespaces/default/events?fieldSelector="
        + "involvedObject.name%3Dmine%2CinvolvedObject.kind%3DWidget&limit=500", null, null, null));
    assertThat(events.path("kind").asText()).isEqualTo("EventList");
    assertThat(events.path("items").findValuesAsText("name")).contains("mine").doesNotContain("other");
    assertThat(json(send("GET", "/apis/apps/v1/deployments", null, null, null)).path("apiVersion").asText())
        .isEqualTo("apps/v1");
    JsonNode apps = json(send("GET", "/apis/apps/v1", null, null, null)); // kubectl get all
    assertThat(apps.path("resources").get(0).path("categories").toString()).contains("all");
  }

  @Test
  void mergePatchOfACustomResourceReplacesListsAndPrunesUnknownFieldsWithAWarning() throws Exception {
    send("POST", WIDGETS, "application/json", "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\","
        + "\"metadata\":{\"name\":\"patched\"},\"spec\":{\"size\":1,\"tags\":[\"a\",\"b\"]}}", null);
    HttpResponse<String> patched = send("PATCH", WIDGETS + "/patched", "application/merge-patch+json",
        "{\"labels\":{\"app\":\"x\"},\"spec\":{\"tags\":[\"c\"],\"typo\":true}}", null);
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(patched.headers().allValues("Warning"))
        .containsExactlyInAnyOrder("299 - \"unknown field \\\"labels\\\"\"", "299 - \"unknown field \\\"spec.typo\\\"\"");
    JsonNode stored = json(send("GET", WIDGETS + "/patched", null, null, null));
    assertThat(stored.path("spec")).isEqualTo(JSON.readTree("{\"size\":1,\"tags\":[\"c\"]}"));
    assertThat(stored.has("labels")).isFalse();
    assertThat(stored.at("/metadata/generation").asInt()).isEqualTo(2);
  }

  @Test
  void strictFieldValidationRefusesUnknownFieldsAndStrategicPatchesOfCustomResourcesAreUnsupported()
      throws Exception {
    HttpResponse<String> strict = send("POST", WIDGETS + "?fieldValidation=Strict", "application/json",
        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"strict\"},"
            + "\"spec\":{\"sise\":1}}", null);
    assertThat(strict.statusCode()).isEqualTo(400);
    assertThat(strict.body()).contains("unknown field \\\"spec.sise\\\"");
    assertThat(send("GET", WIDGETS + "/strict", null, null, null).statusCode()).isEqualTo(404);

    send("POST", WIDGETS, "application/json",
        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"smp\"}}", null);
    assertThat(send("PATCH", WIDGETS + "/smp", "application/strategic-merge-patch+json", "{\"spec\":{}}", null)
        .statusCode()).isEqualTo(415);
  }

  @Test
  void strategicPatchAndScaleOfADeploymentWorkAsKubectlSetImageAndScaleNeed() throws Exception {
    String ns = Fixtures.newNamespace(client, "kubectl");
    client.resource(Fixtures.deployment(ns, "web", 1, "nginx:1").build()).create();
    String path = "/apis/apps/v1/namespaces/" + ns + "/deployments/web";
    HttpResponse<String> setImage = send("PATCH", path, "application/strategic-merge-patch+json",
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"nginx:2\"}]}}}}", null);
    assertThat(setImage.statusCode()).isEqualTo(200);
    JsonNode containers = json(setImage).at("/spec/template/spec/containers");
    assertThat(containers).hasSize(1); // merged by name, as kubectl set image needs; the server's defaults kept
    assertThat(containers.get(0).path("name").asText()).isEqualTo("main");
    assertThat(containers.get(0).path("image").asText()).isEqualTo("nginx:2");

    JsonNode scale = json(send("GET", path + "/scale", null, null, null));
    assertThat(scale.path("kind").asText()).isEqualTo("Scale");
    assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(1);
    HttpResponse<String> scaled = send("PATCH", path + "/scale", "application/merge-patch+json",
        "{\"spec\":{\"replicas\":3}}", null);
    assertThat(json(scaled).at("/spec/replicas").asInt()).isEqualTo(3);
    await().until(() -> client.apps().deployments().inNamespace(ns).withName("web").get().getSpec().getReplicas() == 3);
  }

  @Test
  void watchesOverPlainHttpStreamChangesAfterTheGivenVersionOnly() throws Exception {
    String ns = Fixtures.newNamespace(client, "watch");
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("before")
        .endMetadata().build()).create();
    String version = client.configMaps().inNamespace(ns).list().getMetadata().getResourceVersion();
    HttpResponse<InputStream> watch = HTTP.send(HttpRequest.newBuilder(URI.create(sim.url()
            + "api/v1/namespaces/" + ns + "/configmaps?watch=true&resourceVersion=" + version + "&timeoutSeconds=5"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(watch.statusCode()).isEqualTo(200);
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("after")
        .endMetadata().build()).create();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
      JsonNode event = JSON.readTree(lines.readLine());
      assertThat(event.path("type").asText()).isEqualTo("ADDED");
      assertThat(event.at("/object/metadata/name").asText()).isEqualTo("after");
    }
  }

  @Test
  void aWatchFromAVersionGetsTheChangesMadeBeforeItOpenedAndADeletionHasItsOwnVersion() throws Exception {
    String ns = Fixtures.newNamespace(client, "resume");
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("cm")
        .endMetadata().addToData("a", "1").build()).create();
    String version = client.configMaps().inNamespace(ns).withName("cm").get().getMetadata().getResourceVersion();
    client.configMaps().inNamespace(ns).withName("cm").edit(cm -> new ConfigMapBuilder(cm).addToData("a", "2").build());
    client.configMaps().inNamespace(ns).withName("cm").delete();

    HttpResponse<InputStream> watch = HTTP.send(HttpRequest.newBuilder(URI.create(sim.url() + "api/v1/namespaces/"
            + ns + "/configmaps?fieldSelector=metadata.name%3Dcm&watch=true&resourceVersion=" + version
            + "&timeoutSeconds=5")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
      JsonNode modified = JSON.readTree(lines.readLine());
      JsonNode deleted = JSON.readTree(lines.readLine());
      assertThat(modified.path("type").asText()).isEqualTo("MODIFIED");
      assertThat(modified.at("/object/data/a").asText()).isEqualTo("2");
      assertThat(deleted.path("type").asText()).isEqualTo("DELETED");
      assertThat(deleted.at("/object/metadata/resourceVersion").asLong())
          .isGreaterThan(modified.at("/object/metadata/resourceVersion").asLong());
    }
  }

  @Test
  void versionAndOpenApiV3TellKubectlThatTheServerValidatesFields() throws Exception {
    assertThat(json(send("GET", "/version", null, null, null)).path("major").asText()).isEqualTo("1");
    JsonNode index = json(send("GET", "/openapi/v3", null, null, null));
    assertThat(index.path("paths").has("apis/example.com/v1")).isTrue();
    assertThat(index.path("paths").has("api/v1")).isTrue();
    JsonNode doc = json(send("GET", "/openapi/v3/apis/example.com/v1?hash=x", null, null, null));
    JsonNode patch = doc.at("/paths/~1apis~1example.com~1v1~1namespaces~1{namespace}~1widgets~1{name}/patch");
    assertThat(patch.at("/x-kubernetes-group-version-kind/kind").asText()).isEqualTo("Widget");
    assertThat(patch.path("parameters").findValuesAsText("name")).contains("fieldValidation");
    JsonNode widget = doc.at("/components/schemas/com.example.v1.Widget"); // what kubectl explain reads
    assertThat(widget.at("/properties/spec/properties/size/type").asText()).isEqualTo("integer");
    assertThat(widget.at("/x-kubernetes-group-version-kind/0/kind").asText()).isEqualTo("Widget");
    assertThat(send("GET", "/openapi/v2", null, null, null).statusCode()).isEqualTo(404);
  }
}
