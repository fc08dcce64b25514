package io.milvus.operator.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.cli.OperatorRuntime;
import io.milvus.operator.sandbox.SandboxCluster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator image started the way charts/milvus-operator runs it (the rendered Deployment's arguments,
 * environment, user, read-only root filesystem and writable mounts, limits), against a simulated cluster served over
 * HTTPS with a CA made for the test; the kubeconfig stands in for the pod's service-account token. It must hold the
 * leader lease, reconcile a standalone Milvus to Healthy, answer its probes and /metrics, and stop on SIGTERM.
 */
class OperatorImageContainerTest {

  private static final String RELEASE = "milvus-operator";
  private static final String NAMESPACE = "milvus-operator";
  private static final Path CHART = Path.of("..", "charts", "milvus-operator");
  /** Where the kubeconfig is mounted, in place of the service-account token a pod gets. */
  private static final String KUBECONFIG_IN_CONTAINER = "/var/run/secrets/milvus-operator/kubeconfig";
  /** The lease upstream's operator holds (values.yaml: leaderElection). */
  private static final String LEASE = OperatorRuntime.LEASE_NAME;
  private static final String STANDALONE = """
      apiVersion: milvus.io/v1beta1
      kind: Milvus
      metadata:
        name: my-release
        namespace: default
      spec:
        components:
          image: milvusdb/milvus:v2.4.23
      """;

  @TempDir
  Path dir;
  private final String containerName = "milvus-operator-test-" + UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void removeTheContainer() {
    Podman.run(Duration.ofMinutes(1), "rm", "--force", "--ignore", containerName);
  }

  @Test
  void theImageHoldsTheOperatorAndItsLibrariesOnly() {
    Podman.assumeCanRun(Podman.OPERATOR_IMAGE);

    String files = Podman.run(Duration.ofMinutes(1), "run", "--rm", "--network=host", "--entrypoint=/bin/sh",
        Podman.OPERATOR_IMAGE, "-c", "ls /opt/milvus-operator /opt/milvus-operator/lib; "
            + "for tool in mvn gradle javac jar; do command -v $tool || true; done")
        .assertSucceeded("listing the image").output();

    assertThat(files).contains("milvus-operator.jar", "operator-framework-core")
        .doesNotContain("kube-sim", "mockwebserver", "kubernetes-server-mock", "milvus-operator-sandbox")
        .doesNotContain("/mvn", "/gradle", "/javac", "/jar\n");
  }

  @Test
  void theChartsContainerReconcilesAStandaloneMilvusToHealthyOverHttps() throws Exception {
    Podman.assumeCanRun(Podman.OPERATOR_IMAGE);
    int metricsPort = freePort();
    int healthPort = freePort();
    ChartContainer operator = ChartContainer.of(renderedDeployment(metricsPort, healthPort));

    try (SandboxCluster cluster = SandboxCluster.start(SandboxCluster.Options.defaults()
            .withKubeconfig(dir.resolve("kubeconfig")).withPodReadyDelay(Duration.ofMillis(200))
            .withoutOperator().withHttps());
        KubernetesClient user = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(cluster.kubeconfig()))).build()) {
      assertThat(cluster.url()).startsWith("https://127.0.0.1:");
      user.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();

      // as a Secret volume presents it (defaultMode 0644): the sandbox writes its kubeconfig for its owner only
      Path kubeconfig = Files.copy(cluster.kubeconfig(), dir.resolve("kubeconfig-secret"));
      Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-r--r--"));
      List<String> run = new ArrayList<>(List.of("run", "--name=" + containerName, "--network=host",
          "--volume=" + kubeconfig + ":" + KUBECONFIG_IN_CONTAINER + ":ro",
          "--env=KUBECONFIG=" + KUBECONFIG_IN_CONTAINER));
      run.addAll(operator.podmanOptions());
      run.add(Podman.OPERATOR_IMAGE);
      run.addAll(operator.args());
      Path log = dir.resolve("operator.log");
      long started = System.nanoTime();
      Process container = Podman.start(run, log);

      String readyz = probeUrl(operator, operator.container().getReadinessProbe());
      awaitOrShowLog(log, Duration.ofMinutes(2), () -> status(readyz) == 200);
      System.out.printf("OperatorImageContainerTest: the operator container answered /readyz 200 %.1f s after "
          + "podman run%n", (System.nanoTime() - started) / 1e9);
      assertThat(status(probeUrl(operator, operator.container().getLivenessProbe()))).isEqualTo(200);
      assertThat(status(probeUrl(operator, operator.container().getStartupProbe()))).isEqualTo(200);

      // ready means serving, also as a standby: leading follows once the lease is taken
      awaitOrShowLog(log, Duration.ofMinutes(1), () -> {
        Lease lease = user.leases().inNamespace(NAMESPACE).withName(LEASE).get();
        return lease != null && lease.getSpec().getHolderIdentity() != null
            && !lease.getSpec().getHolderIdentity().isBlank();
      });

      user.resources(Milvus.class).load(new ByteArrayInputStream(STANDALONE.getBytes(StandardCharsets.UTF_8)))
          .create();
      awaitOrShowLog(log, Duration.ofMinutes(3), () -> "Healthy".equals(statusOf(user)));
      System.out.printf("OperatorImageContainerTest: my-release Healthy %.1f s after podman run%n",
          (System.nanoTime() - started) / 1e9);

      String metrics = body("http://127.0.0.1:" + operator.portNamed("metrics") + "/metrics");
      assertThat(metrics).contains("milvus_total_count", "jvm_memory_used_bytes");
      assertThat(heapMaxBytes(metrics)).as("the heap follows the chart's memory limit (60% of 512Mi)")
          .isBetween(0.5 * 512 * 1024 * 1024, 0.65 * 512 * 1024 * 1024);

      long stopping = System.nanoTime();
      Podman.run(Duration.ofMinutes(1), "stop", "--time=30", containerName).assertSucceeded("podman stop");
      double stopSeconds = (System.nanoTime() - stopping) / 1e9;
      String exitCode = Podman.run(Duration.ofMinutes(1), "inspect", "--format={{.State.ExitCode}}", containerName)
          .assertSucceeded("podman inspect").output().strip();
      container.waitFor();
      System.out.printf("OperatorImageContainerTest: stopped on SIGTERM in %.1f s, exit code %s%n", stopSeconds,
          exitCode);
      assertThat(exitCode).as("the JVM ends on SIGTERM (128+15), not killed after the grace period (137); log:\n%s",
          Files.readString(log)).isEqualTo("143");
      assertThat(stopSeconds).isLessThan(30);
      assertThat(Files.readString(log)).doesNotContain("Exception in thread", "ERROR");
    }
  }

  /** {@code helm template} of the chart, pointed at the local image, with free ports on the shared host network. */
  private static Deployment renderedDeployment(int metricsPort, int healthPort) {
    int colon = Podman.OPERATOR_IMAGE.lastIndexOf(':');
    String yaml = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
        .set("image.repository", Podman.OPERATOR_IMAGE.substring(0, colon))
        .set("image.tag", Podman.OPERATOR_IMAGE.substring(colon + 1))
        .set("metrics.port", metricsPort)
        .set("healthPort", healthPort)
        .call();
    KubernetesSerialization serialization = new KubernetesSerialization();
    List<Deployment> deployments = Arrays.stream(yaml.split("(?m)^---\\s*$"))
        .filter(doc -> doc.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#")))
        .map(doc -> (HasMetadata) serialization.unmarshal(doc))
        .filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
    assertThat(deployments).hasSize(1);
    Deployment deployment = deployments.get(0);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo(Podman.OPERATOR_IMAGE);
    return deployment;
  }

  private static String probeUrl(ChartContainer operator, Probe probe) {
    return "http://127.0.0.1:" + operator.port(probe.getHttpGet().getPort()) + probe.getHttpGet().getPath();
  }

  private int status(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private String body(String url) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  /** The heap's maximum: the sum over its pools (which pools depends on the collector the JVM picked). */
  private static double heapMaxBytes(String metrics) {
    var matcher = Pattern.compile("(?m)^jvm_memory_max_bytes\\{area=\"heap\"[^}]*} (\\S+)$").matcher(metrics);
    double sum = 0;
    while (matcher.find()) {
      sum += Double.parseDouble(matcher.group(1));
    }
    assertThat(sum).as("jvm_memory_max_bytes of the heap pools in /metrics").isPositive();
    return sum;
  }

  private static String statusOf(KubernetesClient user) {
    Milvus milvus = user.resources(Milvus.class).inNamespace("default").withName("my-release").get();
    return milvus == null || milvus.getStatus() == null ? null : milvus.getStatus().getStatus();
  }

  private static void awaitOrShowLog(Path log, Duration atMost, java.util.concurrent.Callable<Boolean> condition)
      throws IOException {
    try {
      await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("timed out; the operator container's log:\n" + Files.readString(log), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
