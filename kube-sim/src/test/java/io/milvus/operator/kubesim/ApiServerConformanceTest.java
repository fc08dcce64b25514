package io.milvus.operator.kubesim;

import static io.milvus.operator.kubesim.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kube-sim refuses what a Kubernetes 1.31 API server refuses, with the same status code and field path, and takes
 * what it takes. Every write is sent as raw JSON, as {@code kubectl --validate=false} would send it.
 */
class ApiServerConformanceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final Path GOLDEN = Path.of("..", "operator", "src", "test", "resources", "golden");
  private static final Path MILVUS_CRD = Path.of("..", "charts", "milvus-operator", "files", "crds",
      "milvuses.milvus.io-v1.yml");

  private static KubeSim sim;
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    sim = KubeSim.start();
    client = sim.newClient();
    assertThat(send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", WIDGET_CRD).code())
        .isEqualTo(201);
    try (InputStream crd = Files.newInputStream(MILVUS_CRD)) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    }
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  // --- the objects the cases start from: each valid ---

  private static final String DEPLOYMENT = """
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
       "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
        "template":{"metadata":{"labels":{"app":"web"}},
         "spec":{"volumes":[{"name":"data","emptyDir":{}}],
          "containers":[{"name":"main","image":"nginx","ports":[{"name":"http","containerPort":80}],
           "volumeMounts":[{"name":"data","mountPath":"/data"}],
           "resources":{"requests":{"memory":"1Gi","cpu":"100m"},"limits":{"memory":"2Gi"}}}]}}}}""";
  private static final String STATEFUL_SET = """
      {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db"},
       "spec":{"replicas":1,"serviceName":"db","selector":{"matchLabels":{"app":"db"}},
        "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"etcd",
         "volumeMounts":[{"name":"data","mountPath":"/etcd"}]}]}},
        "volumeClaimTemplates":[{"metadata":{"name":"data"},
         "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}""";
  private static final String JOB = """
      {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"migrate"},
       "spec":{"backoffLimit":1,"template":{"spec":{"restartPolicy":"Never",
        "containers":[{"name":"migrate","image":"milvusdb/meta-migration"}]}}}}""";
  private static final String SERVICE = """
      {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
       "spec":{"type":"ClusterIP","selector":{"app":"web"},
        "ports":[{"name":"http","port":80,"targetPort":"http"},{"name":"metrics","port":9091,"targetPort":9091}]}}""";
  private static final String CONFIG_MAP = """
      {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"config","labels":{"app":"config"}},
       "data":{"user.yaml":"a: 1"}}""";
  private static final String PVC = """
      {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data"},
       "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"10Gi"}}}}""";
  private static final String POD = """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"lonely"},
       "spec":{"containers":[{"name":"main","image":"nginx"}]}}""";
  private static final String MILVUS = """
      {"apiVersion":"milvus.io/v1beta1","kind":"Milvus","metadata":{"name":"my-release"},
       "spec":{"mode":"standalone","components":{"standalone":{"replicas":1}},"config":{"common":{"retentionDuration":3600}}}}""";
  private static final String WIDGET = """
      {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},
       "spec":{"size":3,"color":"blue","name":"abc","port":"http","note":null,"extra":{"any":{"thing":1}},
        "tags":["a"],"id":"fixed"}}""";
  private static final String WIDGET_CRD = """
      {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
       "metadata":{"name":"widgets.example.com"},
       "spec":{"group":"example.com","scope":"Namespaced",
        "names":{"plural":"widgets","singular":"widget","kind":"Widget"},
        "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
         "schema":{"openAPIV3Schema":{"type":"object","properties":{
          "spec":{"type":"object","required":["size"],
           "x-kubernetes-validations":[{"rule":"!has(self.color) || self.color != 'red' || self.size <= 5",
                                        "message":"red widgets are at most 5 big","fieldPath":".size"}],
           "properties":{
            "size":{"type":"integer","minimum":1,"maximum":10},
            "color":{"type":"string","enum":["red","blue"]},
            "name":{"type":"string","pattern":"^[a-z]+$","maxLength":8},
            "port":{"x-kubernetes-int-or-string":true},
            "note":{"type":"string","nullable":true},
            "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
            "tags":{"type":"array","maxItems":2,"items":{"type":"string"}},
            "id":{"type":"string","x-kubernetes-validations":[{"rule":"self == oldSelf","message":"id is immutable"}]}}},
          "status":{"type":"object","properties":{"phase":{"type":"string","enum":["Ready","Failed"]}}}}}}}]}}""";

  /** One write the server must refuse: what to send, and the status code and field path it answers with. */
  record Refused(String story, String resource, String object, String edit, int code, String field) {
    @Override
    public String toString() {
      return story;
    }
  }

  static Stream<Refused> refusedCreates() {
    return Stream.of(
        new Refused("two volumes of one name", "apps/v1/deployments", DEPLOYMENT,
            "/spec/template/spec/volumes/1={\"name\":\"data\",\"emptyDir\":{}}", 422, "spec.template.spec.volumes[1].name"),
        new Refused("a mount of a volume that does not exist", "apps/v1/deployments", DEPLOYMENT,
            "/spec/template/spec/containers/0/volumeMounts/0/name=\"_remove\"", 422,
            "spec.template.spec.containers[0].volumeMounts[0].name"),
        new Refused("a selector that does not match the template", "apps/v1/deployments", DEPLOYMENT,
            "/spec/selector/matchLabels/app=\"other\"", 422, "spec.template.metadata.labels"),
        new Refused("two containers of one name", "apps/v1/deployments", DEPLOYMENT,
            "/spec/template/spec/containers/1={\"name\":\"main\",\"image\":\"busybox\"}", 422,
            "spec.template.spec.containers[1].name"),
        new Refused("a container name with capitals", "apps/v1/deployments", DEPLOYMENT,
            "/spec/template/spec/containers/0/name=\"Main\"", 422, "spec.template.spec.containers[0].name"),
        new Refused("two ports of one name", "apps/v1/deployments", DEPLOYMENT,
            "/spec/template/spec/containers/0/ports/1={\"name\":\"http\",\"containerPort\":81}", 422,
            "spec.template.spec.containers[0].ports[1].name"),
        new Refused("negative replicas", "apps/v1/deployments", DEPLOYMENT, "/spec/replicas=-1", 422, "spec.replicas"),
        new Refused("a request above its limit", "apps/v1/deployments", DEPLOYMENT,
            "/spec/template/spec/containers/0/resources/requests/memory=\"4Gi\"", 422,
            "spec.template.spec.containers[0].resources.requests"),
        new Refused("a memory request of 1Gb", "apps/v1/deployments", DEPLOYMENT,
            "/spec/template/spec/containers/0/resources/requests/memory=\"1Gb\"", 400, null),
        new Refused("replicas that are a word", "apps/v1/deployments", DEPLOYMENT, "/spec/replicas=\"three\"", 400, null),
        new Refused("a Deployment whose pods restart never", "apps/v1/deployments", DEPLOYMENT,
            "/spec/template/spec/restartPolicy=\"Never\"", 422, "spec.template.spec.restartPolicy"),
        new Refused("a ConfigMap named My_Config", "v1/configmaps", CONFIG_MAP, "/metadata/name=\"My_Config\"", 422,
            "metadata.name"),
        new Refused("a ConfigMap key with a space", "v1/configmaps", CONFIG_MAP, "/data/a b=\"x\"", 422, "data[a b]"),
        new Refused("a label value of 70 characters", "v1/configmaps", CONFIG_MAP,
            "/metadata/labels/app=\"" + "x".repeat(70) + "\"", 422, "metadata.labels"),
        new Refused("a label key with two slashes", "v1/configmaps", CONFIG_MAP,
            "/metadata/labels/a~1b~1c=\"x\"", 422, "metadata.labels"),
        new Refused("two controller owner references", "v1/configmaps", CONFIG_MAP,
            "/metadata/ownerReferences=[{\"apiVersion\":\"v1\",\"kind\":\"A\",\"name\":\"a\",\"uid\":\"1\",\"controller\":true},"
                + "{\"apiVersion\":\"v1\",\"kind\":\"B\",\"name\":\"b\",\"uid\":\"2\",\"controller\":true}]", 422,
            "metadata.ownerReferences"),
        new Refused("a Service of an unknown type", "v1/services", SERVICE, "/spec/type=\"Internal\"", 422, "spec.type"),
        new Refused("a Service with two ports of one name", "v1/services", SERVICE,
            "/spec/ports/1/name=\"http\"", 422, "spec.ports[1].name"),
        new Refused("a Service with two unnamed ports", "v1/services", SERVICE, "/spec/ports/0/name=null", 422,
            "spec.ports[0].name"),
        new Refused("a Service named with a leading digit", "v1/services", SERVICE, "/metadata/name=\"1web\"", 422,
            "metadata.name"),
        new Refused("a claim without access modes", "v1/persistentvolumeclaims", PVC, "/spec/accessModes=[]", 422,
            "spec.accessModes"),
        new Refused("a Job whose pods restart always", "batch/v1/jobs", JOB,
            "/spec/template/spec/restartPolicy=\"Always\"", 422, "spec.template.spec.restartPolicy"),
        new Refused("a StatefulSet without a selector", "apps/v1/statefulsets", STATEFUL_SET, "/spec/selector=null",
            422, "spec.selector"),
        new Refused("a pod of a ServiceAccount that does not exist", "v1/pods", POD,
            "/spec/serviceAccountName=\"ghost\"", 403, null),
        new Refused("a Milvus whose mode fails the CRD's rule", "milvus.io/v1beta1/milvuses", MILVUS,
            "/spec/mode=\"distributed\"", 422, "spec.mode"),
        new Refused("a Milvus whose config is a string", "milvus.io/v1beta1/milvuses", MILVUS,
            "/spec/config=\"common: {}\"", 422, "spec.config"),
        new Refused("a Milvus whose replicas are a word", "milvus.io/v1beta1/milvuses", MILVUS,
            "/spec/components/standalone/replicas=\"two\"", 422, "spec.components.standalone.replicas"),
        new Refused("a Milvus whose replicas are below -1", "milvus.io/v1beta1/milvuses", MILVUS,
            "/spec/components/standalone/replicas=-2", 422, "spec.components.standalone.replicas"),
        new Refused("a Milvus named with capitals", "milvus.io/v1beta1/milvuses", MILVUS,
            "/metadata/name=\"My-Release\"", 422, "metadata.name"),
        new Refused("a widget of the wrong type", "example.com/v1/widgets", WIDGET, "/spec/size=\"3\"", 422, "spec.size"),
        new Refused("a widget too big", "example.com/v1/widgets", WIDGET, "/spec/size=11", 422, "spec.size"),
        new Refused("a widget of an unknown color", "example.com/v1/widgets", WIDGET, "/spec/color=\"green\"", 422,
            "spec.color"),
        new Refused("a widget whose name breaks the pattern", "example.com/v1/widgets", WIDGET, "/spec/name=\"ABC\"",
            422, "spec.name"),
        new Refused("a widget whose name is too long", "example.com/v1/widgets", WIDGET,
            "/spec/name=\"abcdefghijk\"", 422, "spec.name"),
        new Refused("a widget without its required size", "example.com/v1/widgets", WIDGET, "/spec/size=null", 422,
            "spec.size"),
        new Refused("a widget whose int-or-string is a boolean", "example.com/v1/widgets", WIDGET, "/spec/port=true",
            422, "spec.port"),
        new Refused("a widget with a null where null is not allowed", "example.com/v1/widgets", WIDGET,
            "/spec/color=null!", 422, "spec.color"),
        new Refused("a widget with too many tags", "example.com/v1/widgets", WIDGET, "/spec/tags=[\"a\",\"b\",\"c\"]",
            422, "spec.tags"),
        new Refused("a widget breaking its CEL rule", "example.com/v1/widgets", WIDGET,
            "/spec/color=\"red\"|/spec/size=8", 422, "spec.size"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedCreates")
  @DisplayName("an invalid object is refused with the server's code and field")
  void invalidObjectsAreRefused(Refused c) throws Exception {
    String namespace = Fixtures.newNamespace(client, "refused");
    Answer answer = send("POST", collection(c.resource(), namespace), edited(c.object(), c.edit()));

    assertThat(answer.code()).as(answer.body().toString()).isEqualTo(c.code());
    assertThat(answer.body().path("kind").asText()).isEqualTo("Status");
    if (c.field() != null) {
      assertThat(answer.body().path("reason").asText()).isEqualTo("Invalid");
      assertThat(answer.body().at("/details/causes").findValuesAsText("field")).contains(c.field());
      assertThat(answer.body().path("message").asText()).contains("\" is invalid: " );
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validObjects")
  @DisplayName("a valid object is stored")
  void validObjectsAreAccepted(String story, String resource, String object) throws Exception {
    String namespace = Fixtures.newNamespace(client, "valid");
    Answer answer = send("POST", collection(resource, namespace), object);
    assertThat(answer.code()).as(answer.body().toString()).isEqualTo(201);
  }

  static Stream<Arguments> validObjects() {
    return Stream.of(
        Arguments.of("a Deployment", "apps/v1/deployments", DEPLOYMENT),
        Arguments.of("a StatefulSet", "apps/v1/statefulsets", STATEFUL_SET),
        Arguments.of("a Job", "batch/v1/jobs", JOB),
        Arguments.of("a Service", "v1/services", SERVICE),
        Arguments.of("a ConfigMap", "v1/configmaps", CONFIG_MAP),
        Arguments.of("a claim", "v1/persistentvolumeclaims", PVC),
        Arguments.of("a pod of the default ServiceAccount", "v1/pods", POD),
        Arguments.of("a Milvus", "milvus.io/v1beta1/milvuses", MILVUS),
        Arguments.of("a widget using every schema feature", "example.com/v1/widgets", WIDGET),
        Arguments.of("a small red widget", "example.com/v1/widgets", edited(WIDGET, "/spec/color=\"red\"")));
  }

  /** A change the server must refuse: the object is created, then replaced by its edited self. */
  static Stream<Refused> refusedUpdates() {
    return Stream.of(
        new Refused("changing a Deployment's selector", "apps/v1/deployments", DEPLOYMENT,
            "/spec/selector/matchLabels/tier=\"x\"|/spec/template/metadata/labels/tier=\"x\"", 422, "spec.selector"),
        new Refused("changing a StatefulSet's claim templates", "apps/v1/statefulsets", STATEFUL_SET,
            "/spec/volumeClaimTemplates/0/spec/resources/requests/storage=\"2Gi\"", 422, "spec"),
        new Refused("changing a StatefulSet's service name", "apps/v1/statefulsets", STATEFUL_SET,
            "/spec/serviceName=\"other\"", 422, "spec"),
        new Refused("changing a Job's pod template", "batch/v1/jobs", JOB,
            "/spec/template/spec/containers/0/image=\"other\"", 422, "spec.template"),
        new Refused("changing a Service's clusterIP", "v1/services", SERVICE, "/spec/clusterIP=\"10.96.99.99\"", 422,
            "spec.clusterIPs[0]"),
        new Refused("shrinking a claim", "v1/persistentvolumeclaims", PVC,
            "/spec/resources/requests/storage=\"5Gi\"", 422, "spec.resources.requests.storage"),
        new Refused("changing a claim's access modes", "v1/persistentvolumeclaims", PVC,
            "/spec/accessModes/0=\"ReadWriteMany\"", 422, "spec"),
        new Refused("changing a widget's immutable id", "example.com/v1/widgets", WIDGET, "/spec/id=\"other\"", 422,
            "spec.id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedUpdates")
  @DisplayName("a forbidden change is refused, by update and by patch")
  void forbiddenChangesAreRefused(Refused c) throws Exception {
    String namespace = Fixtures.newNamespace(client, "change");
    String path = collection(c.resource(), namespace);
    Answer created = send("POST", path, c.object());
    assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
    String name = created.body().at("/metadata/name").asText();
    JsonNode stored = awaitSettled(path + "/" + name, c.resource());

    Answer replaced = send("PUT", path + "/" + name, edited(stored.toString(), c.edit()));
    assertThat(replaced.code()).as(replaced.body().toString()).isEqualTo(c.code());
    assertThat(replaced.body().at("/details/causes").findValuesAsText("field")).contains(c.field());

    Answer patched = sendPatch(path + "/" + name, "application/json-patch+json", jsonPatch(c.edit()));
    assertThat(patched.code()).as(patched.body().toString()).isEqualTo(c.code());
  }

  @Test
  @DisplayName("every object the operator's golden files hold is accepted")
  void goldenObjectsAreAccepted() throws Exception {
    List<Path> files;
    try (Stream<Path> listed = Files.list(GOLDEN)) {
      files = listed.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    int accepted = 0;
    for (Path file : files) {
      String namespace = Fixtures.newNamespace(client, "golden");
      try (InputStream in = Files.newInputStream(file)) {
        for (HasMetadata object : client.load(in).items()) {
          object.getMetadata().setNamespace(namespace);
          client.resource(object).create();
          accepted++;
        }
      }
    }
    assertThat(accepted).isGreaterThan(20);
  }

  @Test
  @DisplayName("an unchanged invalid field does not block an update (ratcheting)")
  void ratchetingLetsAnUnchangedInvalidFieldStay() throws Exception {
    String namespace = Fixtures.newNamespace(client, "ratchet");
    String path = collection("example.com/v1/widgets", namespace);
    assertThat(send("POST", path, edited(WIDGET, "/spec/size=8")).code()).isEqualTo(201);
    tightenWidgetMaximum(5);
    try {
      Answer colorOnly = sendPatch(path + "/w", "application/merge-patch+json", "{\"spec\":{\"name\":\"def\"}}");
      assertThat(colorOnly.code()).as(colorOnly.body().toString()).isEqualTo(200);

      Answer sizeToo = sendPatch(path + "/w", "application/merge-patch+json", "{\"spec\":{\"size\":9}}");
      assertThat(sizeToo.code()).isEqualTo(422);
      assertThat(sizeToo.body().at("/details/causes/0/field").asText()).isEqualTo("spec.size");
    } finally {
      tightenWidgetMaximum(10);
    }
  }

  @Test
  @DisplayName("status writes check the status and ignore the rest; object writes ignore the status")
  void statusAndObjectWritesAreSeparate() throws Exception {
    String namespace = Fixtures.newNamespace(client, "status");
    String path = collection("example.com/v1/widgets", namespace);
    assertThat(send("POST", path, WIDGET).code()).isEqualTo(201);

    Answer badStatus = sendPatch(path + "/w/status", "application/merge-patch+json", "{\"status\":{\"phase\":\"Odd\"}}");
    assertThat(badStatus.code()).isEqualTo(422);
    assertThat(badStatus.body().at("/details/causes/0/field").asText()).isEqualTo("status.phase");

    Answer specInStatusWrite = sendPatch(path + "/w/status", "application/merge-patch+json",
        "{\"spec\":{\"size\":\"huge\"},\"status\":{\"phase\":\"Ready\"}}");
    assertThat(specInStatusWrite.code()).as(specInStatusWrite.body().toString()).isEqualTo(200);

    Answer statusInObjectWrite = sendPatch(path + "/w", "application/merge-patch+json",
        "{\"spec\":{\"size\":4},\"status\":{\"phase\":\"Odd\"}}");
    assertThat(statusInObjectWrite.code()).as(statusInObjectWrite.body().toString()).isEqualTo(200);
    assertThat(send("GET", path + "/w", null).body().at("/spec/size").asInt()).isEqualTo(4);
  }

  @Test
  @DisplayName("the refusal reads as kubectl prints it")
  void theRefusalNamesTheKindTheObjectAndTheField() throws Exception {
    String namespace = Fixtures.newNamespace(client, "message");
    Answer answer = send("POST", collection("milvus.io/v1beta1/milvuses", namespace),
        edited(MILVUS, "/spec/mode=\"distributed\""));
    assertThat(answer.body().path("message").asText())
        .isEqualTo("Milvus.milvus.io \"my-release\" is invalid: spec.mode: Invalid value: \"string\": "
            + "mode must be standalone or cluster");
    assertThat(answer.body().at("/details/kind").asText()).isEqualTo("Milvus");
    assertThat(answer.body().at("/details/causes/0/reason").asText()).isEqualTo("FieldValueInvalid");
  }

  @Test
  @DisplayName("a CRD is checked when installed: structural schema, compiling rules")
  void aBrokenCrdIsRefused() throws Exception {
    String untyped = WIDGET_CRD.replace("widgets", "gadgets").replace("Widget", "Gadget").replace("widget", "gadget")
        .replace("\"size\":{\"type\":\"integer\",", "\"size\":{");
    Answer structural = send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", untyped);
    assertThat(structural.code()).isEqualTo(422);
    assertThat(structural.body().at("/details/causes").findValuesAsText("field"))
        .contains("spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[size].type");

    String broken = WIDGET_CRD.replace("widgets", "gizmos").replace("Widget", "Gizmo").replace("widget", "gizmo")
        .replace("self == oldSelf", "self ==");
    Answer rule = send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", broken);
    assertThat(rule.code()).isEqualTo(422);
    assertThat(rule.body().at("/details/causes/0/field").asText())
        .isEqualTo("spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[id].x-kubernetes-validations[0].rule");
  }

  @Test
  @DisplayName("a version objects may be stored in cannot leave a CRD until status.storedVersions drops it")
  void aStoredVersionCannotBeDropped() throws Exception {
    String twoVersions = WIDGET_CRD.replace("widgets", "doodads").replace("Widget", "Doodad").replace("widget", "doodad")
        .replace("\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,",
            "\"versions\":[{\"name\":\"v1alpha1\",\"served\":true,\"storage\":false},"
                + "{\"name\":\"v1\",\"served\":true,\"storage\":true,");
    String path = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/doodads.example.com";
    assertThat(send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", twoVersions).code())
        .isEqualTo(201);
    Answer stored = sendPatch(path + "/status", "application/merge-patch+json",
        "{\"status\":{\"storedVersions\":[\"v1alpha1\",\"v1\"]}}");
    assertThat(stored.code()).as(stored.body().toString()).isEqualTo(200);
    String dropAlpha = "[{\"op\":\"remove\",\"path\":\"/spec/versions/0\"}]";

    Answer refused = sendPatch(path, "application/json-patch+json", dropAlpha);
    assertThat(refused.code()).isEqualTo(422);
    assertThat(refused.body().path("message").asText()).contains("status.storedVersions[0]", "v1alpha1",
        "must appear in spec.versions");

    Answer trimmed = sendPatch(path + "/status", "application/merge-patch+json",
        "{\"status\":{\"storedVersions\":[\"v1\"]}}");
    assertThat(trimmed.code()).as(trimmed.body().toString()).isEqualTo(200);
    assertThat(sendPatch(path, "application/json-patch+json", dropAlpha).code()).isEqualTo(200);
  }

  @Test
  @DisplayName("a Deployment whose pods are refused reports ReplicaFailure, and recovers once the account exists")
  void aMissingServiceAccountIsReportedOnTheDeployment() throws Exception {
    String namespace = Fixtures.newNamespace(client, "sa");
    String path = collection("apps/v1/deployments", namespace);
    assertThat(send("POST", path, edited(DEPLOYMENT, "/spec/template/spec/serviceAccountName=\"milvus\"")).code())
        .isEqualTo(201);

    await().untilAsserted(() -> {
      Deployment d = client.apps().deployments().inNamespace(namespace).withName("web").get();
      assertThat(d.getStatus().getConditions()).anySatisfy(c -> {
        assertThat(c.getType()).isEqualTo("ReplicaFailure");
        assertThat(c.getReason()).isEqualTo("FailedCreate");
        assertThat(c.getMessage()).contains("serviceaccount \"milvus\" not found");
      });
    });
    assertThat(client.v1().events().inNamespace(namespace).list().getItems())
        .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("FailedCreate"));

    client.serviceAccounts().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
        .withNewMetadata().withName("milvus").endMetadata().build()).create();
    await().untilAsserted(() -> {
      Deployment d = client.apps().deployments().inNamespace(namespace).withName("web").get();
      assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(1);
      assertThat(d.getStatus().getConditions()).noneSatisfy(c -> assertThat(c.getType()).isEqualTo("ReplicaFailure"));
    });
  }

  // --- helpers ---

  record Answer(int code, JsonNode body) {
  }

  private static String collection(String resource, String namespace) {
    String[] parts = resource.split("/");
    String base = parts.length == 2 ? "/api/" + parts[0] : "/apis/" + parts[0] + "/" + parts[1];
    return base + "/namespaces/" + namespace + "/" + parts[parts.length - 1];
  }

  /** The stored object once the simulated controllers stopped adding to it (a Service's clusterIP, a claim's volume). */
  private static JsonNode awaitSettled(String path, String resource) throws Exception {
    if (resource.endsWith("services")) {
      await().until(() -> !send("GET", path, null).body().at("/spec/clusterIP").asText("").isEmpty());
    } else if (resource.endsWith("persistentvolumeclaims")) {
      await().until(() -> "Bound".equals(send("GET", path, null).body().at("/status/phase").asText()));
    }
    return send("GET", path, null).body();
  }

  /** Sets (or with null, removes; null! sets a JSON null) values by JSON pointer; edits are separated by '|'. */
  static String edited(String object, String edits) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(object);
      for (String edit : edits.split("\\|")) {
        int eq = edit.indexOf('=');
        String pointer = edit.substring(0, eq);
        String text = edit.substring(eq + 1);
        boolean explicitNull = "null!".equals(text); // a JSON null kept in the object; plain null removes
        JsonNode value = explicitNull ? JSON.nullNode() : JSON.readTree(text);
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ArrayNode array) {
          int index = Integer.parseInt(key);
          if (index < array.size()) {
            array.set(index, value);
          } else {
            array.add(value);
          }
        } else if (value.isNull() && !explicitNull) {
          ((ObjectNode) parent).remove(key);
        } else {
          ((ObjectNode) parent).set(key, value);
        }
      }
      return root.toString();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The same edits as a JSON patch (RFC 6902). */
  private static String jsonPatch(String edits) throws Exception {
    ArrayNode ops = JSON.createArrayNode();
    for (String edit : edits.split("\\|")) {
      int eq = edit.indexOf('=');
      ops.addObject().put("op", "add").put("path", edit.substring(0, eq)).set("value", JSON.readTree(edit.substring(eq + 1)));
    }
    return ops.toString();
  }

  private static Answer send(String method, String path, String body) throws Exception {
    return exchange(method, path, "application/json", body);
  }

  private static Answer sendPatch(String path, String contentType, String body) throws Exception {
    return exchange("PATCH", path, contentType, body);
  }

  private static Answer exchange(String method, String path, String contentType, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(sim.url() + path.substring(1)))
        .header("Content-Type", contentType)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body()));
  }

  private static void tightenWidgetMaximum(int maximum) throws Exception {
    String path = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com";
    Answer patched = sendPatch(path, "application/json-patch+json",
        "[{\"op\":\"replace\",\"path\":\"/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/size/maximum\","
            + "\"value\":" + maximum + "}]");
    assertThat(patched.code()).as(patched.body().toString()).isEqualTo(200);
  }
}
