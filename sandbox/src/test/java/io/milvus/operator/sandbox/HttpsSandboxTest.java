package io.milvus.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/run sandbox --https}: the API over TLS with a CA made for the run, trusted only through the kubeconfig. */
class HttpsSandboxTest {

  @Test
  void clientsThatTrustTheKubeconfigsCaGetAnswersAndOthersAreRefused(@TempDir Path dir) throws Exception {
    try (SandboxCluster sandbox = SandboxCluster.start(SandboxCluster.Options.defaults()
        .withKubeconfig(dir.resolve("kubeconfig")).withoutOperator().withHttps())) {
      String kubeconfig = Files.readString(sandbox.kubeconfig());
      assertThat(sandbox.url()).startsWith("https://127.0.0.1:");
      assertThat(kubeconfig).contains("server: " + sandbox.url() + "\n").contains("certificate-authority-data: ")
          .doesNotContain("insecure-skip-tls-verify");

      try (KubernetesClient trusting = new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
        assertThat(trusting.nodes().list().getItems()).extracting(Node::getMetadata)
            .extracting(m -> m.getName()).containsExactly(sandbox.nodeName());
        // pods verify the API server with the same CA: every namespace's kube-root-ca.crt carries it
        String caData = kubeconfig.lines().filter(l -> l.contains("certificate-authority-data: ")).findFirst()
            .orElseThrow().replaceFirst(".*certificate-authority-data: ", "").trim();
        assertThat(trusting.configMaps().inNamespace("default").withName("kube-root-ca.crt").get().getData())
            .containsEntry("ca.crt", new String(java.util.Base64.getDecoder().decode(caData), StandardCharsets.UTF_8));
      }

      Config noCa = new ConfigBuilder(Config.empty()).withMasterUrl(sandbox.url()).withRequestRetryBackoffLimit(0)
          .build();
      try (KubernetesClient stranger = new KubernetesClientBuilder().withConfig(noCa).build()) {
        assertThatThrownBy(() -> stranger.nodes().list()).satisfies(e -> assertThat(
            Stream.iterate(e, Objects::nonNull, Throwable::getCause)).hasAtLeastOneElementOfType(
            SSLHandshakeException.class));
      }

      if (Files.isExecutable(Path.of("/usr/bin/kubectl"))) {
        Process kubectl = new ProcessBuilder("/usr/bin/kubectl", "--kubeconfig", sandbox.kubeconfig().toString(),
            "get", "nodes", "-o", "name").redirectErrorStream(true).start();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("node/" + sandbox.nodeName() + "\n");
      }
    }
  }
}
