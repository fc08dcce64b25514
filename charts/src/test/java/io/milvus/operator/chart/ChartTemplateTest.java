package io.milvus.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chart through the real Helm engine: lint, and what {@code helm template} renders with default and other values. */
class ChartTemplateTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  @Test
  void lintPassesStrictly() {
    assertClean(Chart.helm().lint().strict().call());
  }

  @ParameterizedTest
  @ValueSource(strings = {"values-namespaced.yaml", "values-custom.yaml"})
  void lintPassesStrictlyWithOtherValues(String values, @TempDir Path workDir) {
    assertClean(Chart.lint(workDir, values));
  }

  private static void assertClean(LintResult lint) {
    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void defaultsRenderTheOperatorWithClusterWideRbacAndTheCrds() {
    List<HasMetadata> objects = Chart.objects();

    assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
        "CustomResourceDefinition/milvuses.milvus.io", "CustomResourceDefinition/milvusupgrades.milvus.io",
        "ServiceAccount/milvus-operator", "ClusterRole/milvus-operator", "ClusterRoleBinding/milvus-operator",
        "Role/milvus-operator-leader-election", "RoleBinding/milvus-operator-leader-election",
        "Deployment/milvus-operator", "Service/milvus-operator-metrics");
    assertThat(objects).as("every object is a typed Kubernetes object")
        .noneMatch(GenericKubernetesResource.class::isInstance);
    assertThat(objects).filteredOn(o -> !(o instanceof CustomResourceDefinition) && !(o instanceof ClusterRole)
            && !(o instanceof ClusterRoleBinding))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE));

    ClusterRoleBinding binding = Chart.one(objects, ClusterRoleBinding.class);
    assertThat(binding.getRoleRef().getName()).isEqualTo("milvus-operator");
    assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
      assertThat(s.getKind()).isEqualTo("ServiceAccount");
      assertThat(s.getName()).isEqualTo(Chart.one(objects, ServiceAccount.class).getMetadata().getName());
      assertThat(s.getNamespace()).isEqualTo(Chart.NAMESPACE);
    });
    Role lease = Chart.one(objects, Role.class);
    assertThat(lease.getRules()).singleElement().satisfies(r -> {
      assertThat(r.getApiGroups()).containsExactly("coordination.k8s.io");
      assertThat(r.getResources()).containsExactly("leases");
    });
  }

  @Test
  void theOperatorPodIsLockedDownAndItsJvmFollowsTheMemoryLimit() {
    Deployment deployment = Chart.one(Chart.objects(), Deployment.class);
    var pod = deployment.getSpec().getTemplate().getSpec();
    Container operator = pod.getContainers().get(0);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(operator.getArgs()).containsExactly("run", "--metrics-bind-address=:8080",
        "--health-probe-bind-address=:8081", "--leader-elect", "--log-format=text", "--resync=PT10M",
        "--rollout-deadline=PT10M");
    assertThat(operator.getImage()).isEqualTo("milvus-operator-java:0.1.0");
    assertThat(operator.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
        .containsExactly("metrics:8080", "health:8081");
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(operator.getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly("/tmp");
    assertThat(operator.getResources().getLimits()).containsEntry("memory", new Quantity("512Mi"));
    assertThat(operator.getResources().getRequests()).containsEntry("memory", new Quantity("256Mi"));
    assertThat(env(operator)).containsEntry("JDK_JAVA_OPTIONS",
        "-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:NewRatio=4 -XX:MinHeapFreeRatio=10 "
            + "-XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData "
            + "-XX:SharedArchiveFile=/opt/milvus-operator/classes.jsa");
    assertThat(operator.getEnv()).filteredOn(e -> e.getName().equals("POD_NAMESPACE")).singleElement()
        .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace"));
    assertThat(pod.getServiceAccountName()).isEqualTo("milvus-operator");
  }

  @Test
  void theCrdsAreTheGeneratedOnesAndSurviveUninstall() {
    List<CustomResourceDefinition> crds = Chart.ofType(Chart.objects(), CustomResourceDefinition.class);

    assertThat(crds).hasSize(2).allSatisfy(crd -> {
      assertThat(crd.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
      String generated = TestFiles.classpathText("META-INF/fabric8/" + crd.getMetadata().getName() + "-v1.yml");
      CustomResourceDefinition expected = JSON.unmarshal(generated, CustomResourceDefinition.class);
      assertThat(JsonTrees.differences(JSON.convertValue(expected.getSpec(), JsonNode.class),
          JSON.convertValue(crd.getSpec(), JsonNode.class)))
          .as("spec of %s as rendered vs as generated", crd.getMetadata().getName()).isEmpty();
    });
  }

  @Test
  void watchNamespacesGrantsTheSameRulesInEachNamespaceAndNothingClusterWide() {
    List<HasMetadata> clusterWide = Chart.objects();
    List<HasMetadata> namespaced = Chart.objects("values-namespaced.yaml");

    assertThat(namespaced).noneMatch(o -> o instanceof ClusterRole || o instanceof ClusterRoleBinding);
    List<Role> roles = Chart.ofType(namespaced, Role.class).stream()
        .filter(r -> r.getMetadata().getName().equals("milvus-operator")).toList();
    assertThat(roles).extracting(r -> r.getMetadata().getNamespace()).containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(roles).allSatisfy(r -> assertThat(r.getRules())
        .isEqualTo(Chart.one(clusterWide, ClusterRole.class).getRules()));
    assertThat(Chart.ofType(namespaced, RoleBinding.class)).extracting(b -> b.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b", Chart.NAMESPACE);
    assertThat(Chart.one(namespaced, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)
        .getArgs()).contains("--watch-namespace=team-a,team-b");
  }

  @Test
  void everyValueAwayFromItsDefaultIsHonoured() {
    List<HasMetadata> objects = Chart.objects("values-custom.yaml");
    Deployment deployment = Chart.one(objects, Deployment.class);
    var pod = deployment.getSpec().getTemplate().getSpec();
    Container operator = pod.getContainers().get(0);

    assertThat(objects).noneMatch(CustomResourceDefinition.class::isInstance);
    assertThat(objects).as("no lease role without leader election").noneMatch(Role.class::isInstance);
    assertThat(deployment.getMetadata().getName()).isEqualTo("milvus-op");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(operator.getImage()).isEqualTo("registry.example.com/milvus-operator-java:1.2.3");
    assertThat(operator.getImagePullPolicy()).isEqualTo("Always");
    assertThat(pod.getImagePullSecrets()).extracting(s -> s.getName()).containsExactly("registry-secret");
    assertThat(operator.getArgs()).containsExactly("run", "--metrics-bind-address=:9090",
        "--health-probe-bind-address=:9091", "--log-format=json", "--resync=PT5M", "--rollout-deadline=PT20M",
        "--milvus-image=milvusdb/milvus:v2.5.4", "--upgrade-hop-image=registry.example.com/milvus:v2.5.20",
        "--upgrade-hop-image=registry.example.com/milvus:v2.4.24", "--help");
    assertThat(env(operator)).containsEntry("JDK_JAVA_OPTIONS",
        "-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:NewRatio=4 -XX:MinHeapFreeRatio=10 "
            + "-XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData "
            + "-XX:SharedArchiveFile=/opt/milvus-operator/classes.jsa -Xss512k")
        .containsEntry("EXTRA", "1");
    assertThat(operator.getResources().getLimits()).containsEntry("memory", new Quantity("768Mi"));
    assertThat(pod.getServiceAccountName()).isEqualTo("custom-sa");
    assertThat(Chart.one(objects, ServiceAccount.class).getMetadata().getAnnotations())
        .containsKey("eks.amazonaws.com/role-arn");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("team", "search");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("tier", "control");
    assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
    assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
    assertThat(pod.getTolerations()).hasSize(1);
    assertThat(Chart.one(objects, Service.class).getSpec().getPorts().get(0).getPort()).isEqualTo(9090);
    GenericKubernetesResource monitor = Chart.one(objects, GenericKubernetesResource.class);
    assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
  }

  @Test
  void theJvmRunsWithTheImagesOptionsAndMallocSettings() throws IOException {
    Container operator = Chart.one(Chart.objects(), Deployment.class).getSpec().getTemplate().getSpec()
        .getContainers().get(0);
    String dockerfile = Files.readString(Path.of("..", "operator", "Dockerfile"));
    Matcher options = Pattern.compile("ENV JDK_JAVA_OPTIONS=\"([^\"]*)\"")
        .matcher(dockerfile);

    assertThat(options.find()).as("operator/Dockerfile sets JDK_JAVA_OPTIONS").isTrue();
    assertThat(env(operator)).containsEntry("JDK_JAVA_OPTIONS", options.group(1));
    Matcher malloc = Pattern.compile("(?m)^\\s*(MALLOC_[A-Z_]+)=(\\S+)")
        .matcher(dockerfile);
    while (malloc.find()) {
      assertThat(env(operator)).containsEntry(malloc.group(1), malloc.group(2));
    }
  }

  private static Map<String, String> env(Container container) {
    return container.getEnv().stream().filter(e -> e.getValue() != null)
        .collect(java.util.stream.Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }
}
