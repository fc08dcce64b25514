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
import java.util.Map;
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
        new Refused("a Service asking for a cluster IP outside the service range", "v1/services", SERVICE,
            "/spec/clusterIP=\"172.16.0.1\"", 422, "spec.clusterIPs"),
        new Refused("a Service asking for a node port outside 30000-32767", "v1/services", SERVICE,
            "/spec/type=\"NodePort\"|/spec/ports/0/nodePort=8080", 422, "spec.ports[0].nodePort"),
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
        // pkg/apis/batch/validation/validation.go ValidateGeneratedSelector
        new Refused("a Job choosing its own selector without manualSelector", "batch/v1/jobs", JOB,
            "/spec/selector={\"matchLabels\":{\"app\":\"x\"}}|/spec/template/metadata={\"labels\":{\"app\":\"x\"}}",
            422, "spec.selector"),
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

    assertCrdRefusedAt(renamed(WIDGET_CRD, "widget", "gizmo").replace("self == oldSelf", "self =="),
        "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[id].x-kubernetes-validations[0].rule");
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

  // --- defaulting: what the API server fills in (pkg/apis/core/v1/defaults.go, apps/v1/defaults.go,
  // batch/v1/defaults.go; admission plugins Priority, ServiceAccount, DefaultTolerationSeconds) ---

  @Test
  @DisplayName("a Deployment gets the server's defaults, its pod template too (apps/v1/defaults.go, core/v1/defaults.go)")
  void aDeploymentIsDefaulted() throws Exception {
    String namespace = Fixtures.newNamespace(client, "defaults");
    JsonNode stored = created("apps/v1/deployments", namespace, edited(DEPLOYMENT, "/spec/replicas=null"));

    // SetDefaults_Deployment: replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600
    assertThat(stored.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(stored.at("/spec/strategy").toString())
        .isEqualTo("{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxUnavailable\":\"25%\",\"maxSurge\":\"25%\"}}");
    assertThat(stored.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
    assertThat(stored.at("/spec/progressDeadlineSeconds").asInt()).isEqualTo(600);
    // SetDefaults_PodSpec
    JsonNode pod = stored.at("/spec/template/spec");
    assertThat(pod.path("dnsPolicy").asText()).isEqualTo("ClusterFirst");
    assertThat(pod.path("restartPolicy").asText()).isEqualTo("Always");
    assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isEqualTo(30);
    assertThat(pod.path("schedulerName").asText()).isEqualTo("default-scheduler");
    assertThat(pod.path("securityContext").toString()).isEqualTo("{}");
    assertThat(pod.has("serviceAccountName")).as("a template is not the ServiceAccount plugin's").isFalse();
    // SetDefaults_Container, SetDefaults_ContainerPort, SetDefaults_Volume's emptyDir kept as given
    JsonNode container = pod.at("/containers/0");
    assertThat(container.path("terminationMessagePath").asText()).isEqualTo("/dev/termination-log");
    assertThat(container.path("terminationMessagePolicy").asText()).isEqualTo("File");
    assertThat(container.path("imagePullPolicy").asText()).as("no tag pulls always").isEqualTo("Always");
    assertThat(container.at("/ports/0/protocol").asText()).isEqualTo("TCP");
    assertThat(container.at("/resources/requests/memory").asText()).as("a template's requests are its own").isEqualTo("1Gi");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("pullPolicies")
  @DisplayName("the pull policy follows the image's tag (core/v1/defaults.go SetDefaults_Container)")
  void thePullPolicyFollowsTheTag(String image, String policy) throws Exception {
    String namespace = Fixtures.newNamespace(client, "pull");
    JsonNode stored = created("v1/pods", namespace, edited(POD, "/spec/containers/0/image=\"" + image + "\""));
    assertThat(stored.at("/spec/containers/0/imagePullPolicy").asText()).isEqualTo(policy);
  }

  static Stream<Arguments> pullPolicies() {
    return Stream.of(Arguments.of("nginx", "Always"), Arguments.of("nginx:latest", "Always"),
        Arguments.of("milvusdb/milvus:v2.4.5", "IfNotPresent"), Arguments.of("localhost:5000/milvus", "Always"),
        Arguments.of("nginx@sha256:" + "a".repeat(64), "IfNotPresent"));
  }

  @Test
  @DisplayName("a pod gets its ServiceAccount, priority, tolerations and requests from its limits")
  void aPodIsDefaultedAndAdmitted() throws Exception {
    String namespace = Fixtures.newNamespace(client, "poddefaults");
    JsonNode stored = created("v1/pods", namespace,
        edited(POD, "/spec/containers/0/resources={\"limits\":{\"memory\":\"1Gi\"}}"));
    JsonNode spec = stored.path("spec");
    // plugin/pkg/admission/serviceaccount: the default account, in both spellings
    assertThat(spec.path("serviceAccountName").asText()).isEqualTo("default");
    assertThat(spec.path("serviceAccount").asText()).isEqualTo("default");
    // SetDefaults_Pod: requests from limits, service links
    assertThat(spec.at("/containers/0/resources/requests/memory").asText()).isEqualTo("1Gi");
    assertThat(spec.path("enableServiceLinks").asBoolean()).isTrue();
    // plugin/pkg/admission/priority and defaulttolerationseconds
    assertThat(spec.path("priority").asInt(-1)).isEqualTo(0);
    assertThat(spec.path("preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
    assertThat(spec.path("tolerations").findValuesAsText("key"))
        .containsExactly("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable");
    assertThat(spec.path("tolerations").findValuesAsText("tolerationSeconds")).containsOnly("300");
  }

  @Test
  @DisplayName("Services, StatefulSets, Jobs and claims get theirs (core/v1, apps/v1, batch/v1 defaults.go; job strategy)")
  void otherKindsAreDefaulted() throws Exception {
    String namespace = Fixtures.newNamespace(client, "kinds");
    JsonNode service = created("v1/services", namespace, SERVICE).path("spec");
    assertThat(service.path("sessionAffinity").asText()).isEqualTo("None");
    assertThat(service.path("internalTrafficPolicy").asText()).isEqualTo("Cluster");
    assertThat(service.path("ipFamilyPolicy").asText()).isEqualTo("SingleStack");
    assertThat(service.path("ipFamilies").toString()).isEqualTo("[\"IPv4\"]");
    assertThat(service.at("/ports/1/protocol").asText()).isEqualTo("TCP");
    assertThat(service.at("/ports/0/targetPort").asText()).as("a named target port is kept").isEqualTo("http");

    JsonNode sts = created("apps/v1/statefulsets", namespace, STATEFUL_SET).path("spec");
    assertThat(sts.path("podManagementPolicy").asText()).isEqualTo("OrderedReady");
    assertThat(sts.path("updateStrategy").toString())
        .isEqualTo("{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":0}}");
    assertThat(sts.path("revisionHistoryLimit").asInt()).isEqualTo(10);
    assertThat(sts.path("persistentVolumeClaimRetentionPolicy").toString())
        .isEqualTo("{\"whenDeleted\":\"Retain\",\"whenScaled\":\"Retain\"}");
    assertThat(sts.at("/volumeClaimTemplates/0/spec/volumeMode").asText()).isEqualTo("Filesystem");

    JsonNode job = created("batch/v1/jobs", namespace, JOB);
    String uid = job.at("/metadata/uid").asText();
    assertThat(job.at("/spec/completions").asInt()).isEqualTo(1);
    assertThat(job.at("/spec/parallelism").asInt()).isEqualTo(1);
    assertThat(job.at("/spec/backoffLimit").asInt()).as("given, kept").isEqualTo(1);
    assertThat(job.at("/spec/completionMode").asText()).isEqualTo("NonIndexed");
    assertThat(job.at("/spec/suspend").asBoolean(true)).isFalse();
    assertThat(job.at("/spec/podReplacementPolicy").asText()).isEqualTo("TerminatingOrFailed");
    // pkg/registry/batch/job/strategy.go generateSelector
    assertThat(job.at("/spec/selector/matchLabels/batch.kubernetes.io~1controller-uid").asText()).isEqualTo(uid);
    assertThat(job.at("/spec/template/metadata/labels/job-name").asText()).isEqualTo("migrate");

    JsonNode claim = created("v1/persistentvolumeclaims", namespace, PVC);
    assertThat(claim.at("/spec/volumeMode").asText()).isEqualTo("Filesystem");
  }

  @Test
  @DisplayName("writing back the undefaulted form changes nothing: no new resourceVersion, no new generation")
  void theUndefaultedFormIsNoChange() throws Exception {
    String namespace = Fixtures.newNamespace(client, "nochange");
    String path = collection("apps/v1/deployments", namespace);
    JsonNode stored = created("apps/v1/deployments", namespace, DEPLOYMENT);
    String version = stored.at("/metadata/resourceVersion").asText();

    Answer replaced = send("PUT", path + "/web",
        edited(DEPLOYMENT, "/metadata/resourceVersion=\"" + version + "\""));
    assertThat(replaced.code()).as(replaced.body().toString()).isEqualTo(200);
    assertThat(replaced.body().at("/metadata/resourceVersion").asText()).isEqualTo(version);
    assertThat(replaced.body().at("/metadata/generation").asInt()).isEqualTo(1);
    assertThat(replaced.body().at("/spec/progressDeadlineSeconds").asInt()).isEqualTo(600);
  }

  private static final String GAUGE_CRD = """
      {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
       "metadata":{"name":"gauges.example.com"},
       "spec":{"group":"example.com","scope":"Namespaced",
        "names":{"plural":"gauges","singular":"gauge","kind":"Gauge"},
        "versions":[{"name":"v1","served":true,"storage":true,
         "schema":{"openAPIV3Schema":{"type":"object","properties":{
          "spec":{"type":"object","default":{},"properties":{
            "level":{"type":"integer","default":3},
            "mode":{"type":"string","default":"auto"},
            "note":{"type":"string"},
            "limits":{"type":"object","additionalProperties":{"type":"object",
              "properties":{"max":{"type":"integer","default":100}}}},
            "steps":{"type":"array","items":{"type":"object","properties":{
              "name":{"type":"string"},"weight":{"type":"integer","default":1}}}}}}}}}}]}}""";

  @Test
  @DisplayName("a custom resource gets its schema's defaults on write and on read (apiextensions schema/defaulting)")
  void customResourcesAreDefaulted() throws Exception {
    Answer crd = send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", GAUGE_CRD);
    assertThat(crd.code()).as(crd.body().toString()).isEqualTo(201);
    String namespace = Fixtures.newNamespace(client, "crdefaults");
    String path = collection("example.com/v1/gauges", namespace);

    JsonNode empty = created("example.com/v1/gauges", namespace,
        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Gauge\",\"metadata\":{\"name\":\"empty\"}}");
    assertThat(empty.path("spec").toString()).as("spec defaults to {}, then its fields default")
        .isEqualTo("{\"level\":3,\"mode\":\"auto\"}");

    // algorithm.go: a non-nullable null with a default gets it; prunenulls.go: one without a default is dropped
    JsonNode nested = created("example.com/v1/gauges", namespace, """
        {"apiVersion":"example.com/v1","kind":"Gauge","metadata":{"name":"nested"},
         "spec":{"level":null,"note":null,"limits":{"cpu":{}},"steps":[{"name":"a"},{"name":"b","weight":5}]}}""");
    assertThat(nested.at("/spec/level").asInt()).isEqualTo(3);
    assertThat(nested.at("/spec").has("note")).isFalse();
    assertThat(nested.at("/spec/limits/cpu/max").asInt()).isEqualTo(100);
    assertThat(nested.at("/spec/steps").findValuesAsText("weight")).containsExactly("1", "5");

    // a default added to the CRD later is served on read of objects stored before, their version unchanged
    String version = nested.at("/metadata/resourceVersion").asText();
    Answer added = sendPatch("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gauges.example.com",
        "application/json-patch+json", "[{\"op\":\"add\",\"path\":\"/spec/versions/0/schema/openAPIV3Schema/properties"
            + "/spec/properties/note/default\",\"value\":\"none\"}]");
    assertThat(added.code()).as(added.body().toString()).isEqualTo(200);
    JsonNode read = send("GET", path + "/nested", null).body();
    assertThat(read.at("/spec/note").asText()).isEqualTo("none");
    assertThat(read.at("/metadata/resourceVersion").asText()).isEqualTo(version);
    JsonNode listed = send("GET", path, null).body();
    assertThat(listed.path("items").findValuesAsText("note")).containsOnly("none");
  }

  @Test
  @DisplayName("a CRD whose default breaks its own schema is refused (apiextensions schema/defaulting/validation.go)")
  void aDefaultMustBeValid() throws Exception {
    assertCrdRefusedAt(renamed(GAUGE_CRD, "gauge", "meter").replace("\"default\":3", "\"default\":\"three\""),
        "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[level].default");
  }

  @Test
  @DisplayName("a null where the schema allows none is dropped, not refused (apiextensions prunenulls.go)")
  void aNonNullableNullIsDropped() throws Exception {
    String namespace = Fixtures.newNamespace(client, "nulls");
    JsonNode stored = created("example.com/v1/widgets", namespace, edited(WIDGET, "/spec/color=null!"));
    assertThat(stored.at("/spec").has("color")).isFalse();
    assertThat(stored.at("/spec").has("note")).as("nullable: kept").isTrue();
  }

  // --- formats: apiextensions-apiserver pkg/apiserver/validation/formats.go (supportedFormats), each checked by
  // kube-openapi pkg/validation/strfmt; int32, int64 and other names are stripped and check nothing ---

  private static final String FORMAT_CRD = """
      {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
       "metadata":{"name":"probes.example.com"},
       "spec":{"group":"example.com","scope":"Namespaced",
        "names":{"plural":"probes","singular":"probe","kind":"Probe"},
        "versions":[{"name":"v1","served":true,"storage":true,
         "schema":{"openAPIV3Schema":{"type":"object","properties":{
          "spec":{"type":"object","properties":{
            "email":{"type":"string","format":"email"},"host":{"type":"string","format":"hostname"},
            "ip":{"type":"string","format":"ipv4"},"ip6":{"type":"string","format":"ipv6"},
            "net":{"type":"string","format":"cidr"},"id":{"type":"string","format":"uuid"},
            "when":{"type":"string","format":"date-time"},"day":{"type":"string","format":"date"},
            "data":{"type":"string","format":"byte"},"link":{"type":"string","format":"uri"},
            "wait":{"type":"string","format":"duration"},"mine":{"type":"string","format":"my-own"},
            "count":{"type":"integer","format":"int32"}}}}}}}]}}""";
  private static final String GOOD_PROBE = """
      {"apiVersion":"example.com/v1","kind":"Probe","metadata":{"name":"p"},
       "spec":{"email":"ops@example.com","host":"milvus.example.com","ip":"10.0.0.1","ip6":"fd00::1",
        "net":"10.0.0.0/8","id":"123e4567-e89b-12d3-a456-426614174000","when":"2024-08-13T10:00:00Z",
        "day":"2024-02-29","data":"aGVsbG8=","link":"https://milvus.io/docs","wait":"90s","mine":"anything",
        "count":4294967296}}""";

  static Stream<Arguments> badFormats() {
    return Stream.of(Arguments.of("email", "ops at example"), Arguments.of("host", "-bad-.example.com"),
        Arguments.of("ip", "10.0.0.256"), Arguments.of("ip6", "fd00::1::2"), Arguments.of("net", "10.0.0.0/33"),
        Arguments.of("id", "not-a-uuid"), Arguments.of("when", "2024-08-13 10:00"), Arguments.of("day", "2023-02-29"),
        Arguments.of("data", "hello!"), Arguments.of("link", "no scheme"), Arguments.of("wait", "soon"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badFormats")
  @DisplayName("a string not of its format is refused with the server's type message")
  void aStringOfTheWrongFormatIsRefused(String field, String value) throws Exception {
    installOnce(FORMAT_CRD, "probes.example.com");
    String namespace = Fixtures.newNamespace(client, "formats");
    String format = JSON.readTree(FORMAT_CRD).at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/"
        + field + "/format").asText();
    Answer answer = send("POST", collection("example.com/v1/probes", namespace),
        edited(GOOD_PROBE, "/spec/" + field + "=" + JSON.writeValueAsString(value)));
    assertThat(answer.code()).as(answer.body().toString()).isEqualTo(422);
    JsonNode cause = answer.body().at("/details/causes/0");
    assertThat(cause.path("field").asText()).isEqualTo("spec." + field);
    assertThat(cause.path("reason").asText()).isEqualTo("FieldValueTypeInvalid");
    assertThat(cause.path("message").asText())
        .endsWith("spec." + field + " in body must be of type " + format + ": \"" + value + "\"");
  }

  @Test
  @DisplayName("strings of their format are stored; int32 and formats of one's own check nothing")
  void stringsOfTheirFormatAreAccepted() throws Exception {
    installOnce(FORMAT_CRD, "probes.example.com");
    String namespace = Fixtures.newNamespace(client, "formats");
    Answer answer = send("POST", collection("example.com/v1/probes", namespace), GOOD_PROBE);
    assertThat(answer.code()).as(answer.body().toString()).isEqualTo(201);
  }

  // --- pod updates: pkg/apis/core/validation/validation.go ValidatePodUpdate ---

  @Test
  @DisplayName("a pod update may change images, labels, a lower deadline and added tolerations, and nothing else")
  void aPodUpdateChangesOnlyWhatTheServerAllows() throws Exception {
    String namespace = Fixtures.newNamespace(client, "podupdate");
    String path = collection("v1/pods", namespace) + "/lonely";
    created("v1/pods", namespace, edited(POD, "/spec/activeDeadlineSeconds=600"));

    Answer image = sendPatch(path, "application/strategic-merge-patch+json",
        "{\"metadata\":{\"labels\":{\"a\":\"b\"}},\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"nginx:2\"}],"
            + "\"activeDeadlineSeconds\":300,\"tolerations\":[{\"key\":\"x\",\"operator\":\"Exists\"}]}}");
    assertThat(image.code()).as(image.body().toString()).isEqualTo(200);

    Answer port = sendPatch(path, "application/strategic-merge-patch+json",
        "{\"spec\":{\"containers\":[{\"name\":\"main\",\"ports\":[{\"containerPort\":80}]}]}}");
    assertThat(port.code()).as(port.body().toString()).isEqualTo(422);
    assertThat(port.body().at("/details/causes/0/field").asText()).isEqualTo("spec");
    assertThat(port.body().at("/details/causes/0/reason").asText()).isEqualTo("FieldValueForbidden");
    assertThat(port.body().at("/details/causes/0/message").asText()).startsWith("Forbidden: pod updates may not change "
        + "fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
        + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it "
        + "to be set to 1 if it was previously negative)");

    Answer longer = sendPatch(path, "application/merge-patch+json", "{\"spec\":{\"activeDeadlineSeconds\":900}}");
    assertThat(longer.code()).isEqualTo(422);
    assertThat(longer.body().at("/details/causes/0/message").asText())
        .contains("must be less than or equal to previous value");

    Answer dropped = sendPatch(path, "application/json-patch+json", "[{\"op\":\"remove\",\"path\":\"/spec/tolerations/0\"}]");
    assertThat(dropped.code()).isEqualTo(422);
    assertThat(dropped.body().at("/details/causes/0/field").asText()).isEqualTo("spec.tolerations");

    Answer node = sendPatch(path, "application/merge-patch+json", "{\"spec\":{\"nodeName\":\"elsewhere\"}}");
    assertThat(node.code()).as("the node is set by a binding, not an update").isEqualTo(422);
  }

  @Test
  @DisplayName("a binding sets an unscheduled pod's node once (pkg/registry/core/pod/storage BindingREST)")
  void aBindingSetsTheNodeOnce() throws Exception {
    String namespace = Fixtures.newNamespace(client, "binding");
    String pods = collection("v1/pods", namespace);
    created("v1/pods", namespace, edited(POD, "/spec/nodeName=null|/metadata/name=\"unbound\""));
    String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"unbound\"},"
        + "\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"other-node\"}}";
    Answer again = send("POST", pods + "/unbound/binding", binding);
    // the simulated scheduler may have bound it first: either way the second binding conflicts
    Answer last = again.code() == 201 ? send("POST", pods + "/unbound/binding", binding) : again;
    assertThat(last.code()).as(last.body().toString()).isEqualTo(409);
    assertThat(last.body().path("message").asText()).contains("is already assigned to node");
    assertThat(send("GET", pods + "/unbound", null).body().at("/spec/nodeName").asText()).isNotEmpty();
  }

  // --- CEL cost: apiextensions validation.go (StaticEstimatedCostLimit 10,000,000 per rule,
  // StaticEstimatedCRDCostLimit 100,000,000 per schema), cel-go checker/cost.go, apiserver cel/common/schemas.go ---

  private static String costlyCrd(String plural, String kind, String properties) {
    return """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"%s.example.com"},
         "spec":{"group":"example.com","scope":"Namespaced",
          "names":{"plural":"%s","singular":"%s","kind":"%s"},
          "versions":[{"name":"v1","served":true,"storage":true,
           "schema":{"openAPIV3Schema":{"type":"object","properties":{
            "spec":{"type":"object","properties":{%s}}}}}}]}}"""
        .formatted(plural, plural, kind.toLowerCase(java.util.Locale.ROOT), kind, properties);
  }

  @Test
  @DisplayName("a rule over unbounded lists and strings is refused for its cost; bounded, it is installed")
  void aRuleOverItsCostBudgetIsRefused() throws Exception {
    String unbounded = costlyCrd("tags", "Tag", """
        "names":{"type":"array","items":{"type":"string"},
          "x-kubernetes-validations":[{"rule":"self.all(x, x.matches('^[a-z]+$'))"}]}""");
    Answer refused = send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", unbounded);
    assertThat(refused.code()).as(refused.body().toString()).isEqualTo(422);
    JsonNode cause = refused.body().at("/details/causes/0");
    assertThat(cause.path("field").asText()).isEqualTo(
        "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[names].x-kubernetes-validations[0].rule");
    assertThat(cause.path("message").asText()).isEqualTo("Forbidden: estimated rule cost exceeds budget by factor "
        + "of more than 100x (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, "
        + "maps, and strings are declared)");

    String bounded = unbounded.replace("\"items\":{\"type\":\"string\"}",
        "\"maxItems\":16,\"items\":{\"type\":\"string\",\"maxLength\":63}");
    Answer installed = send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", bounded);
    assertThat(installed.code()).as(installed.body().toString()).isEqualTo(201);
  }

  @Test
  @DisplayName("rules each within budget but together over it are refused, the most expensive named")
  void rulesOverTheCrdBudgetAreRefused() throws Exception {
    StringBuilder properties = new StringBuilder();
    for (int i = 0; i < 13; i++) {
      properties.append(i == 0 ? "" : ",").append("""
          "list%d":{"type":"array","maxItems":1000,"items":{"type":"string","maxLength":10000,
            "x-kubernetes-validations":[{"rule":"self.matches('^[a-z]+$')"}]}}""".formatted(i));
    }
    Answer refused = send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
        costlyCrd("lists", "List", properties.toString()));
    assertThat(refused.code()).as(refused.body().toString()).isEqualTo(422);
    List<String> fields = refused.body().at("/details/causes").findValuesAsText("field");
    assertThat(fields).contains("spec.versions[0].schema.openAPIV3Schema").hasSize(5); // the total and the top 4
    assertThat(refused.body().path("message").asText()).contains("x-kubernetes-validations estimated rule cost total "
        + "for entire OpenAPIv3 schema exceeds budget by factor of 1.").contains(
        "contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema");
    assertThat(fields).noneMatch(f -> f.endsWith(".rule") && refused.body().path("message").asText()
        .contains(f + ": Forbidden: estimated rule cost"));
  }

  @Test
  @DisplayName("a rule within its estimate but past the per-call limit at run time stops validation "
      + "(apiextensions schema/cel/validation.go, PerCallLimit 1,000,000)")
  void aRuleThatCostsTooMuchWhenItRunsIsCutOff() throws Exception {
    String crd = costlyCrd("pairs", "Pair", "\"values\":{\"type\":\"array\",\"maxItems\":1000,\"items\":{\"type\":\"integer\"}}")
        .replace("\"spec\":{\"type\":\"object\",", "\"spec\":{\"type\":\"object\",\"x-kubernetes-validations\":"
            + "[{\"rule\":\"self.values.all(x, self.values.all(y, x != y || true))\"}],");
    installOnce(crd, "pairs.example.com");
    String namespace = Fixtures.newNamespace(client, "runtimecost");
    String path = collection("example.com/v1/pairs", namespace);
    String few = "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Pair\",\"metadata\":{\"name\":\"few\"},"
        + "\"spec\":{\"values\":[1,2,3]}}";
    assertThat(send("POST", path, few).code()).isEqualTo(201);

    String values = java.util.stream.IntStream.range(0, 1000).mapToObj(Integer::toString)
        .collect(java.util.stream.Collectors.joining(","));
    Answer many = send("POST", path, few.replace("few", "many").replace("[1,2,3]", "[" + values + "]"));
    assertThat(many.code()).as(many.body().toString()).isEqualTo(422);
    assertThat(many.body().at("/details/causes/0/field").asText()).isEqualTo("spec");
    assertThat(many.body().at("/details/causes/0/message").asText()).contains("'operation cancelled: actual cost limit "
        + "exceeded': no further validation rules will be run due to call cost exceeds limit for rule: self.values.all(");
  }

  @Test
  @DisplayName("the project's own CRDs are within the cost budget")
  void theProjectsCrdsAreWithinBudget() throws Exception {
    Path upgrades = MILVUS_CRD.resolveSibling("milvusupgrades.milvus.io-v1.yml");
    try (InputStream crd = Files.newInputStream(upgrades)) {
      assertThat(client.apiextensions().v1().customResourceDefinitions().load(crd).createOr(e -> e.update()))
          .isNotNull();
    }
    assertThat(client.apiextensions().v1().customResourceDefinitions().withName("milvuses.milvus.io").get())
        .isNotNull();
  }

  /** The CRD under another name ({@code widget} -> {@code gizmo}: plural, singular and kind), to install beside it. */
  private static String renamed(String crd, String from, String to) {
    String capitalFrom = Character.toUpperCase(from.charAt(0)) + from.substring(1);
    String capitalTo = Character.toUpperCase(to.charAt(0)) + to.substring(1);
    return crd.replace(from, to).replace(capitalFrom, capitalTo);
  }

  private static void assertCrdRefusedAt(String crd, String field) throws Exception {
    Answer answer = send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
    assertThat(answer.code()).as(answer.body().toString()).isEqualTo(422);
    assertThat(answer.body().at("/details/causes/0/field").asText()).isEqualTo(field);
  }

  private static void installOnce(String crd, String name) throws Exception {
    if (send("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + name, null).code() == 404) {
      Answer answer = send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
      assertThat(answer.code()).as(answer.body().toString()).isIn(201, 409);
    }
  }

  /** Creates the object and answers what the server stored. */
  private static JsonNode created(String resource, String namespace, String object) throws Exception {
    Answer answer = send("POST", collection(resource, namespace), object);
    assertThat(answer.code()).as(answer.body().toString()).isEqualTo(201);
    return answer.body();
  }

  // --- what the create itself adds: the ServiceAccount plugin's token volume, the DefaultStorageClass plugin's class,
  // the Service registry's cluster IP and node ports; and the controllers that go with them ---

  private static final String TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
  /** plugin/pkg/admission/serviceaccount/admission.go TokenVolumeSource, with the v1 defaultMode. */
  private static final String TOKEN_VOLUME_SOURCE = "{\"sources\":[{\"serviceAccountToken\":{\"expirationSeconds\":3607,"
      + "\"path\":\"token\"}},{\"configMap\":{\"name\":\"kube-root-ca.crt\",\"items\":[{\"key\":\"ca.crt\",\"path\":\"ca.crt\"}]}},"
      + "{\"downwardAPI\":{\"items\":[{\"path\":\"namespace\",\"fieldRef\":{\"apiVersion\":\"v1\","
      + "\"fieldPath\":\"metadata.namespace\"}}]}}],\"defaultMode\":420}";

  @Test
  @DisplayName("a pod gets the bound token volume kube-api-access-*, mounted read-only in every container "
      + "(plugin/pkg/admission/serviceaccount/admission.go mountServiceAccountToken)")
  void aPodGetsTheServiceAccountTokenVolume() throws Exception {
    String namespace = Fixtures.newNamespace(client, "token");
    JsonNode spec = created("v1/pods", namespace,
        edited(POD, "/spec/initContainers=[{\"name\":\"init\",\"image\":\"busybox\"}]")).path("spec");

    assertThat(spec.path("volumes")).hasSize(1);
    JsonNode volume = spec.at("/volumes/0");
    String name = volume.path("name").asText();
    assertThat(name).matches("kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(JSON.readTree(TOKEN_VOLUME_SOURCE)).isEqualTo(volume.path("projected"));
    for (JsonNode container : List.of(spec.at("/containers/0"), spec.at("/initContainers/0"))) {
      assertThat(container.path("volumeMounts").toString())
          .isEqualTo("[{\"name\":\"" + name + "\",\"readOnly\":true,\"mountPath\":\"" + TOKEN_MOUNT_PATH + "\"}]");
    }
    // each pod draws its own name
    JsonNode other = created("v1/pods", namespace, edited(POD, "/metadata/name=\"other\"")).path("spec");
    assertThat(other.at("/volumes/0/name").asText()).startsWith("kube-api-access-");
  }

  @Test
  @DisplayName("automountServiceAccountToken false on the pod or its ServiceAccount means no token; the pod's word wins")
  void automountingCanBeTurnedOff() throws Exception {
    String namespace = Fixtures.newNamespace(client, "noautomount");
    JsonNode optedOut = created("v1/pods", namespace, edited(POD, "/spec/automountServiceAccountToken=false"));
    assertThat(optedOut.at("/spec/volumes").isMissingNode()).as(optedOut.toString()).isTrue();
    assertThat(optedOut.at("/spec/containers/0/volumeMounts").isMissingNode()).isTrue();

    created("v1/serviceaccounts", namespace,
        "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"quiet\"},"
            + "\"automountServiceAccountToken\":false,\"imagePullSecrets\":[{\"name\":\"registry\"}]}");
    JsonNode quiet = created("v1/pods", namespace,
        edited(POD, "/metadata/name=\"quiet\"|/spec/serviceAccountName=\"quiet\""));
    assertThat(quiet.at("/spec/volumes").isMissingNode()).as(quiet.toString()).isTrue();
    // the plugin also hands the account's pull secrets to a pod that has none
    assertThat(quiet.at("/spec/imagePullSecrets").toString()).isEqualTo("[{\"name\":\"registry\"}]");

    JsonNode insists = created("v1/pods", namespace, edited(POD,
        "/metadata/name=\"insists\"|/spec/serviceAccountName=\"quiet\"|/spec/automountServiceAccountToken=true"));
    assertThat(insists.at("/spec/volumes/0/name").asText()).startsWith("kube-api-access-");
  }

  @Test
  @DisplayName("a container that mounts something at the token's path keeps it; the others get the token")
  void aMountAtTheTokenPathIsLeftAlone() throws Exception {
    String namespace = Fixtures.newNamespace(client, "ownmount");
    JsonNode spec = created("v1/pods", namespace, edited(POD,
        "/spec/volumes=[{\"name\":\"own\",\"emptyDir\":{}}]"
            + "|/spec/containers/0/volumeMounts=[{\"name\":\"own\",\"mountPath\":\"" + TOKEN_MOUNT_PATH + "\"}]"
            + "|/spec/containers/1={\"name\":\"sidecar\",\"image\":\"busybox\"}")).path("spec");

    assertThat(spec.at("/containers/0/volumeMounts").findValuesAsText("name")).containsExactly("own");
    assertThat(spec.at("/containers/1/volumeMounts/0/name").asText()).startsWith("kube-api-access-");
    List<String> volumes = Stream.of(spec.path("volumes")).flatMap(v -> java.util.stream.StreamSupport.stream(
        v.spliterator(), false)).map(v -> v.path("name").asText()).toList();
    assertThat(volumes).hasSize(2).contains("own");
  }

  @Test
  @DisplayName("a Deployment's template carries no token, its pods do, and they run: every namespace has "
      + "kube-root-ca.crt (pkg/controller/certificates/rootcacertpublisher), put back when edited or deleted")
  void podsWithTheTokenRunOnTheRootCaConfigMap() throws Exception {
    String namespace = Fixtures.newNamespace(client, "rootca");
    await().until(() -> client.configMaps().inNamespace(namespace).withName("kube-root-ca.crt").get() != null);
    var rootCa = client.configMaps().inNamespace(namespace).withName("kube-root-ca.crt").get();
    assertThat(rootCa.getData()).containsKey("ca.crt");
    assertThat(rootCa.getMetadata().getAnnotations()).containsKey("kubernetes.io/description");

    JsonNode deployment = created("apps/v1/deployments", namespace, DEPLOYMENT);
    assertThat(deployment.at("/spec/template/spec/volumes").findValuesAsText("name")).containsExactly("data");
    await().untilAsserted(() -> assertThat(client.apps().deployments().inNamespace(namespace).withName("web").get()
        .getStatus().getAvailableReplicas()).isEqualTo(1));
    var pod = client.pods().inNamespace(namespace).list().getItems().get(0);
    assertThat(pod.getSpec().getVolumes()).extracting(v -> v.getName()).hasSize(2).contains("data")
        .anyMatch(n -> n.startsWith("kube-api-access-"));

    client.configMaps().inNamespace(namespace).withName("kube-root-ca.crt").edit(cm -> {
      cm.setData(Map.of("ca.crt", "edited"));
      cm.getMetadata().setAnnotations(null);
      return cm;
    });
    await().until(() -> {
      var fixed = client.configMaps().inNamespace(namespace).withName("kube-root-ca.crt").get();
      return fixed.getData().equals(rootCa.getData()) && fixed.getMetadata().getAnnotations() != null
          && fixed.getMetadata().getAnnotations().containsKey("kubernetes.io/description");
    });
    client.configMaps().inNamespace(namespace).withName("kube-root-ca.crt").delete();
    await().until(() -> {
      var back = client.configMaps().inNamespace(namespace).withName("kube-root-ca.crt").get();
      return back != null && !back.getMetadata().getUid().equals(rootCa.getMetadata().getUid());
    });
  }

  @Test
  @DisplayName("a claim without a class gets the default StorageClass's; \"\" and a named class are kept "
      + "(plugin/pkg/admission/storage/storageclass/setdefault)")
  void aClaimGetsTheDefaultStorageClass() throws Exception {
    String namespace = Fixtures.newNamespace(client, "defaultclass");
    assertThat(client.storage().v1().storageClasses().withName("standard").get().getMetadata().getAnnotations())
        .containsEntry("storageclass.kubernetes.io/is-default-class", "true");

    assertThat(created("v1/persistentvolumeclaims", namespace, PVC).at("/spec/storageClassName").asText())
        .isEqualTo("standard");
    JsonNode none = created("v1/persistentvolumeclaims", namespace,
        edited(PVC, "/metadata/name=\"static\"|/spec/storageClassName=\"\""));
    assertThat(none.at("/spec/storageClassName").asText("absent")).isEmpty();
    assertThat(none.at("/status/phase").asText()).isEqualTo("Pending");
    JsonNode named = created("v1/persistentvolumeclaims", namespace,
        edited(PVC, "/metadata/name=\"fast\"|/spec/storageClassName=\"fast\""));
    assertThat(named.at("/spec/storageClassName").asText()).isEqualTo("fast");
  }

  @Test
  @DisplayName("of several default classes the newest is taken; with none, a claim gets no class and stays Pending "
      + "until a default class appears")
  void theNewestDefaultClassWinsAndNoneMeansNoClass() throws Exception {
    try (KubeSim own = KubeSim.start(); KubernetesClient ownClient = own.newClient()) {
      var claims = ownClient.persistentVolumeClaims().inNamespace("default");
      ownClient.storage().v1().storageClasses().resource(new io.fabric8.kubernetes.api.model.storage.StorageClassBuilder()
          .withNewMetadata().withName("a-newer-default")
            .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true").endMetadata()
          .withProvisioner("example.com/disk").build()).create();
      // creation timestamps have whole seconds: the newer one is a second later, or first by name when they tie
      var first = claims.resource(claim("first")).create();
      assertThat(first.getSpec().getStorageClassName()).isEqualTo("a-newer-default");

      for (String name : List.of("standard", "a-newer-default")) {
        ownClient.storage().v1().storageClasses().withName(name).edit(sc -> {
          sc.getMetadata().getAnnotations().remove("storageclass.kubernetes.io/is-default-class");
          return sc;
        });
      }
      var unclassed = claims.resource(claim("unclassed")).create();
      assertThat(unclassed.getSpec().getStorageClassName()).isNull();
      await().untilAsserted(() -> assertThat(ownClient.v1().events().inNamespace("default").list().getItems())
          .anySatisfy(e -> {
            assertThat(e.getInvolvedObject().getName()).isEqualTo("unclassed");
            assertThat(e.getReason()).isEqualTo("FailedBinding");
          }));
      assertThat(claims.withName("unclassed").get().getStatus().getPhase()).isEqualTo("Pending");

      // the pv-controller gives a claim of no class the default one once there is one (retroactive assignment)
      ownClient.storage().v1().storageClasses().withName("standard").edit(sc -> {
        sc.getMetadata().getAnnotations().put("storageclass.kubernetes.io/is-default-class", "true");
        return sc;
      });
      await().untilAsserted(() -> {
        var assigned = claims.withName("unclassed").get();
        assertThat(assigned.getSpec().getStorageClassName()).isEqualTo("standard");
        assertThat(assigned.getStatus().getPhase()).isEqualTo("Bound");
      });
    }
  }

  @Test
  @DisplayName("a claim of a class that does not exist stays Pending and its pod unscheduled, until the class exists")
  void aClaimOfAMissingClassWaitsForIt() throws Exception {
    String namespace = Fixtures.newNamespace(client, "missingclass");
    created("v1/persistentvolumeclaims", namespace, edited(PVC, "/spec/storageClassName=\"gold\""));
    created("v1/pods", namespace, edited(POD,
        "/spec/volumes=[{\"name\":\"data\",\"persistentVolumeClaim\":{\"claimName\":\"data\"}}]"
            + "|/spec/containers/0/volumeMounts=[{\"name\":\"data\",\"mountPath\":\"/data\"}]"));

    await().untilAsserted(() -> assertThat(client.v1().events().inNamespace(namespace).list().getItems())
        .anySatisfy(e -> {
          assertThat(e.getReason()).isEqualTo("ProvisioningFailed");
          assertThat(e.getMessage()).isEqualTo("storageclass.storage.k8s.io \"gold\" not found");
        })
        .anySatisfy(e -> {
          assertThat(e.getReason()).isEqualTo("FailedScheduling");
          assertThat(e.getMessage()).contains("pod has unbound immediate PersistentVolumeClaims");
        }));
    assertThat(client.persistentVolumeClaims().inNamespace(namespace).withName("data").get().getStatus().getPhase())
        .isEqualTo("Pending");
    assertThat(client.pods().inNamespace(namespace).withName("lonely").get().getSpec().getNodeName()).isNull();

    try {
      client.storage().v1().storageClasses().resource(new io.fabric8.kubernetes.api.model.storage.StorageClassBuilder()
          .withNewMetadata().withName("gold").endMetadata().withProvisioner("example.com/disk").build()).create();
      await().until(() -> "Bound".equals(
          client.persistentVolumeClaims().inNamespace(namespace).withName("data").get().getStatus().getPhase()));
      await().until(() -> "Running".equals(
          client.pods().inNamespace(namespace).withName("lonely").get().getStatus().getPhase()));
    } finally {
      client.storage().v1().storageClasses().withName("gold").delete();
    }
  }

  @Test
  @DisplayName("a Service's cluster IP is allocated in the create: its response and first watch event carry it "
      + "(pkg/registry/core/service/storage/alloc.go allocateCreate)")
  void aServiceGetsItsClusterIpInTheCreate() throws Exception {
    String namespace = Fixtures.newNamespace(client, "clusterip");
    java.util.concurrent.CompletableFuture<io.fabric8.kubernetes.api.model.Service> firstEvent =
        new java.util.concurrent.CompletableFuture<>();
    try (var watch = client.services().inNamespace(namespace).watch(new io.fabric8.kubernetes.client.Watcher<>() {
      @Override
      public void eventReceived(Action action, io.fabric8.kubernetes.api.model.Service service) {
        firstEvent.complete(service);
      }

      @Override
      public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
      }
    })) {
      JsonNode spec = created("v1/services", namespace, SERVICE).path("spec");
      String ip = spec.path("clusterIP").asText();
      assertThat(ip).matches("10\\.(9[6-9]|10[0-9]|11[01])\\.\\d+\\.\\d+");
      assertThat(spec.path("clusterIPs").toString()).isEqualTo("[\"" + ip + "\"]");
      assertThat(firstEvent.get(30, java.util.concurrent.TimeUnit.SECONDS).getSpec().getClusterIP()).isEqualTo(ip);
    }
    JsonNode headless = created("v1/services", namespace,
        edited(SERVICE, "/metadata/name=\"peers\"|/spec/clusterIP=\"None\"")).path("spec");
    assertThat(headless.path("clusterIPs").toString()).isEqualTo("[\"None\"]");
    assertThat(headless.path("ipFamilyPolicy").asText()).isEqualTo("SingleStack");
    // initIPFamilyFields: headless without a selector is dual-stack in intent, even on an IPv4 cluster
    JsonNode selectorless = created("v1/services", namespace,
        edited(SERVICE, "/metadata/name=\"external\"|/spec/clusterIP=\"None\"|/spec/selector=null")).path("spec");
    assertThat(selectorless.path("ipFamilyPolicy").asText()).isEqualTo("RequireDualStack");
    assertThat(selectorless.path("ipFamilies").toString()).isEqualTo("[\"IPv4\",\"IPv6\"]");
    JsonNode externalName = created("v1/services", namespace, "{\"apiVersion\":\"v1\",\"kind\":\"Service\","
        + "\"metadata\":{\"name\":\"db\"},\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"db.example.com\"}}")
        .path("spec");
    assertThat(externalName.has("clusterIP")).isFalse();
    assertThat(externalName.has("ipFamilies")).isFalse();
  }

  @Test
  @DisplayName("a cluster IP asked for must be in the service range and free; a deleted Service's is free again "
      + "(alloc.go allocIPs, ipallocator)")
  void aRequestedClusterIpMustBeFreeAndInRange() throws Exception {
    String namespace = Fixtures.newNamespace(client, "requestedip");
    String ip = "10.96.0.77";
    created("v1/services", namespace, edited(SERVICE, "/spec/clusterIP=\"" + ip + "\""));

    Answer taken = send("POST", collection("v1/services", namespace),
        edited(SERVICE, "/metadata/name=\"second\"|/spec/clusterIP=\"" + ip + "\""));
    assertThat(taken.code()).as(taken.body().toString()).isEqualTo(422);
    assertThat(taken.body().path("message").asText()).isEqualTo("Service \"second\" is invalid: spec.clusterIPs: "
        + "Invalid value: []string{\"10.96.0.77\"}: failed to allocate IP 10.96.0.77: provided IP is already allocated");

    Answer outside = send("POST", collection("v1/services", namespace),
        edited(SERVICE, "/metadata/name=\"second\"|/spec/clusterIP=\"192.168.1.1\""));
    assertThat(outside.code()).isEqualTo(422);
    assertThat(outside.body().path("message").asText()).endsWith("failed to allocate IP 192.168.1.1: the provided IP "
        + "(192.168.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12");
    Answer notAnIp = send("POST", collection("v1/services", namespace),
        edited(SERVICE, "/metadata/name=\"second\"|/spec/clusterIP=\"10.96.0.300\""));
    assertThat(notAnIp.code()).isEqualTo(422);
    assertThat(notAnIp.body().at("/details/causes").findValuesAsText("field")).contains("spec.clusterIPs[0]");

    assertThat(send("DELETE", collection("v1/services", namespace) + "/web", null).code()).isEqualTo(200);
    created("v1/services", namespace, edited(SERVICE, "/metadata/name=\"second\"|/spec/clusterIP=\"" + ip + "\""));
  }

  @Test
  @DisplayName("NodePort and LoadBalancer Services get a node port per port in 30000-32767; one asked for must be "
      + "free and in range (alloc.go initNodePorts, portallocator)")
  void nodePortsAreAllocatedInTheCreate() throws Exception {
    String namespace = Fixtures.newNamespace(client, "nodeports");
    JsonNode spec = created("v1/services", namespace, edited(SERVICE, "/spec/type=\"NodePort\"")).path("spec");
    int first = spec.at("/ports/0/nodePort").asInt();
    int second = spec.at("/ports/1/nodePort").asInt();
    assertThat(List.of(first, second)).allSatisfy(port -> assertThat(port).isBetween(30000, 32767));
    assertThat(first).isNotEqualTo(second);
    assertThat(spec.path("externalTrafficPolicy").asText()).isEqualTo("Cluster");
    JsonNode balanced = created("v1/services", namespace,
        edited(SERVICE, "/metadata/name=\"balanced\"|/spec/type=\"LoadBalancer\"|/spec/externalTrafficPolicy=\"Local\""))
        .path("spec");
    assertThat(balanced.at("/ports/0/nodePort").asInt()).isBetween(30000, 32767);
    assertThat(balanced.path("healthCheckNodePort").asInt()).isBetween(30000, 32767);

    Answer taken = send("POST", collection("v1/services", namespace), edited(SERVICE,
        "/metadata/name=\"taken\"|/spec/type=\"NodePort\"|/spec/ports/0/nodePort=" + first));
    assertThat(taken.code()).as(taken.body().toString()).isEqualTo(422);
    assertThat(taken.body().path("message").asText()).isEqualTo("Service \"taken\" is invalid: spec.ports[0].nodePort: "
        + "Invalid value: " + first + ": provided port is already allocated");
    Answer outside = send("POST", collection("v1/services", namespace), edited(SERVICE,
        "/metadata/name=\"taken\"|/spec/type=\"NodePort\"|/spec/ports/0/nodePort=8080"));
    assertThat(outside.body().path("message").asText()).isEqualTo("Service \"taken\" is invalid: spec.ports[0].nodePort: "
        + "Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767");
  }

  @Test
  @DisplayName("a health check node port asked for must be free too: taken, the create fails with a 500 and holds "
      + "nothing; 0 gets one (alloc.go allocHealthCheckNodePort, wrapped in an internal error)")
  void aRequestedHealthCheckNodePortMustBeFree() throws Exception {
    String namespace = Fixtures.newNamespace(client, "hcnodeport");
    int taken = created("v1/services", namespace, edited(SERVICE, "/spec/type=\"NodePort\""))
        .at("/spec/ports/0/nodePort").asInt();
    String local = "/metadata/name=\"local\"|/spec/type=\"LoadBalancer\"|/spec/externalTrafficPolicy=\"Local\"";

    Answer refused = send("POST", collection("v1/services", namespace),
        edited(SERVICE, local + "|/spec/healthCheckNodePort=" + taken));
    assertThat(refused.code()).as(refused.body().toString()).isEqualTo(500);
    assertThat(refused.body().path("reason").asText()).isEqualTo("InternalError");
    assertThat(refused.body().path("message").asText()).isEqualTo("Internal error occurred: failed to allocate "
        + "requested HealthCheck NodePort " + taken + ": provided port is already allocated");
    Answer outside = send("POST", collection("v1/services", namespace),
        edited(SERVICE, local + "|/spec/healthCheckNodePort=8080"));
    assertThat(outside.code()).isEqualTo(500);
    assertThat(outside.body().path("message").asText()).endsWith("provided port is not in the valid range. "
        + "The range of valid ports is 30000-32767");

    // 0 asks for none in particular: one is allocated
    JsonNode zero = created("v1/services", namespace,
        edited(SERVICE, local.replace("local", "zero") + "|/spec/healthCheckNodePort=0"));
    assertThat(zero.at("/spec/healthCheckNodePort").asInt()).isBetween(30000, 32767).isNotEqualTo(taken);

    assertThat(send("DELETE", collection("v1/services", namespace) + "/web", null).code()).isEqualTo(200);
    JsonNode freed = created("v1/services", namespace, edited(SERVICE, local + "|/spec/healthCheckNodePort=" + taken));
    assertThat(freed.at("/spec/healthCheckNodePort").asInt()).isEqualTo(taken);
  }

  @Test
  @DisplayName("a Secret's stringData is stored as data, base64-encoded, over a data entry of the same key, and is "
      + "never returned (core/v1 conversion.go Convert_v1_Secret_To_core_Secret)")
  void stringDataIsStoredAsData() {
    String namespace = Fixtures.newNamespace(client, "stringdata");
    client.secrets().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata().withName("keys").endMetadata()
        .addToData("user", "b2xk").addToData("kept", "eA==").addToStringData("user", "milvus").build()).create();

    io.fabric8.kubernetes.api.model.Secret stored = client.secrets().inNamespace(namespace).withName("keys").get();
    assertThat(stored.getStringData()).as("never returned").isNullOrEmpty();
    assertThat(stored.getData()).containsEntry("user", "bWlsdnVz").containsEntry("kept", "eA==");
  }

  @Test
  @DisplayName("an update that leaves out the allocated cluster IP and node ports keeps them; leaving NodePort drops "
      + "them, leaving for ExternalName frees the IP (storage.go patchAllocatedValues, strategy.go dropTypeDependentFields)")
  void anUpdateKeepsWhatWasAllocated() throws Exception {
    String namespace = Fixtures.newNamespace(client, "keepalloc");
    String path = collection("v1/services", namespace) + "/web";
    JsonNode stored = created("v1/services", namespace, edited(SERVICE, "/spec/type=\"NodePort\""));
    String ip = stored.at("/spec/clusterIP").asText();
    int nodePort = stored.at("/spec/ports/0/nodePort").asInt();

    // a PUT of the form the client first sent: what was allocated stays, and that is no change at all
    Answer put = send("PUT", path, edited(SERVICE, "/spec/type=\"NodePort\"|/metadata/resourceVersion="
        + stored.at("/metadata/resourceVersion")));
    assertThat(put.code()).as(put.body().toString()).isEqualTo(200);
    assertThat(put.body().at("/spec/clusterIP").asText()).isEqualTo(ip);
    assertThat(put.body().at("/spec/ports/0/nodePort").asInt()).isEqualTo(nodePort);
    assertThat(put.body().at("/metadata/resourceVersion")).isEqualTo(stored.at("/metadata/resourceVersion"));
    Answer merged = sendPatch(path, "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"tier\":\"web\"}}}");
    assertThat(merged.body().at("/spec/clusterIP").asText()).isEqualTo(ip);
    Answer removed = sendPatch(path, "application/json-patch+json",
        "[{\"op\":\"remove\",\"path\":\"/spec/clusterIP\"},{\"op\":\"remove\",\"path\":\"/spec/clusterIPs\"}]");
    assertThat(removed.body().at("/spec/clusterIP").asText()).as(removed.body().toString()).isEqualTo(ip);

    Answer clusterIpType = sendPatch(path, "application/merge-patch+json", "{\"spec\":{\"type\":\"ClusterIP\"}}");
    assertThat(clusterIpType.code()).as(clusterIpType.body().toString()).isEqualTo(200);
    assertThat(clusterIpType.body().at("/spec/ports/0/nodePort").isMissingNode()).isTrue();
    assertThat(clusterIpType.body().at("/spec/externalTrafficPolicy").isMissingNode()).isTrue();

    Answer externalName = sendPatch(path, "application/merge-patch+json",
        "{\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"web.example.com\"}}");
    assertThat(externalName.code()).as(externalName.body().toString()).isEqualTo(200);
    assertThat(externalName.body().at("/spec/clusterIP").isMissingNode()).isTrue();
    created("v1/services", namespace, edited(SERVICE, "/metadata/name=\"heir\"|/spec/clusterIP=\"" + ip + "\""));
    created("v1/services", namespace, edited(SERVICE,
        "/metadata/name=\"porter\"|/spec/type=\"NodePort\"|/spec/ports/0/nodePort=" + nodePort));
  }

  private static io.fabric8.kubernetes.api.model.PersistentVolumeClaim claim(String name) {
    return new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder().withNewMetadata().withName(name)
        .endMetadata().withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
        .addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi")).endResources().endSpec().build();
  }

  // --- helpers ---

  record Answer(int code, JsonNode body) {
  }

  private static String collection(String resource, String namespace) {
    String[] parts = resource.split("/");
    String base = parts.length == 2 ? "/api/" + parts[0] : "/apis/" + parts[0] + "/" + parts[1];
    return base + "/namespaces/" + namespace + "/" + parts[parts.length - 1];
  }

  /** The stored object once the simulated controllers stopped adding to it (a claim's volume). */
  private static JsonNode awaitSettled(String path, String resource) throws Exception {
    if (resource.endsWith("persistentvolumeclaims")) {
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
