package io.milvus.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.milvus.operator.api.v1beta1.Milvus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/run sandbox --no-operator} is the cluster alone: a Milvus stays untouched until an operator started in
 * another process, which knows the cluster only through the written kubeconfig (as {@code KUBECONFIG=... bin/run}),
 * reconciles it to Healthy: over plain HTTP, and over HTTPS with the sandbox's own CA (the client's TLS path).
 */
class SandboxWithoutOperatorTest {

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

  @Test
  void anOperatorInAnotherProcessReconcilesAStandaloneMilvusThroughTheKubeconfig(@TempDir Path dir) throws Exception {
    reconciledElsewhere(dir, options(dir));
  }

  @Test
  void overHttpsTheOperatorProcessTrustsTheSandboxCaFromTheKubeconfig(@TempDir Path dir) throws Exception {
    reconciledElsewhere(dir, options(dir).withHttps());
  }

  private static SandboxCluster.Options options(Path dir) {
    return SandboxCluster.Options.defaults().withKubeconfig(dir.resolve("kubeconfig"))
        .withPodReadyDelay(Duration.ofMillis(100)).withoutOperator();
  }

  private static void reconciledElsewhere(Path dir, SandboxCluster.Options options) throws Exception {
    try (SandboxCluster sandbox = SandboxCluster.start(options);
        KubernetesClient user = clientOf(sandbox.kubeconfig())) {
      assertThat(sandbox.runsOperator()).isFalse();
      user.resources(Milvus.class)
          .load(new ByteArrayInputStream(STANDALONE.getBytes(StandardCharsets.UTF_8))).create();

      // No operator: nothing answers the Milvus, neither a status nor an owned object.
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
          .until(() -> statusOf(user) == null && user.apps().deployments().inNamespace("default").list()
              .getItems().isEmpty());

      Path log = dir.resolve("operator.log");
      Process operator = startOperatorProcess(sandbox.kubeconfig(), log);
      try {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
            .until(() -> "Healthy".equals(statusOf(user)));
      } catch (ConditionTimeoutException e) {
        throw new AssertionError("the operator process did not make my-release Healthy (status: " + statusOf(user)
            + "); its log:\n" + tail(log), e);
      } finally {
        operator.destroy(); // SIGTERM, as Kubernetes stops a pod
        assertThat(operator.waitFor(30, TimeUnit.SECONDS)).as("the operator process stops on SIGTERM").isTrue();
      }
      assertThat(user.apps().deployments().inNamespace("default").withName("my-release-milvus-standalone").get())
          .isNotNull();
    }
  }

  /** The operator's own command line, in a JVM of its own, pointed at the sandbox only by KUBECONFIG. */
  private static Process startOperatorProcess(Path kubeconfig, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "io.milvus.operator.cli.Main", "run",
        "--metrics-bind-address", "0", "--health-probe-bind-address", "0"))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    return builder.start();
  }

  private static KubernetesClient clientOf(Path kubeconfig) throws IOException {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
  }

  private static String statusOf(KubernetesClient user) {
    Milvus milvus = user.resources(Milvus.class).inNamespace("default").withName("my-release").get();
    return milvus == null || milvus.getStatus() == null ? null : milvus.getStatus().getStatus();
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
