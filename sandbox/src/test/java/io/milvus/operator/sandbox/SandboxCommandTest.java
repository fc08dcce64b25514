package io.milvus.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SandboxCommandTest {

  @Test
  void durationsReadAsPeopleWriteThem() {
    Sandbox.ShortDuration parse = new Sandbox.ShortDuration();
    assertThat(parse.convert("200ms")).isEqualTo(Duration.ofMillis(200));
    assertThat(parse.convert("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(parse.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(parse.convert("PT1S")).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> parse.convert("5x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSandboxCommandReadsItsOptionsAndKeepsItsDefaults() {
    Sandbox sandbox = new Sandbox();
    new CommandLine(sandbox).parseArgs("--port", "18080", "--pod-ready-delay", "100ms");
    assertThat(sandbox.port).isEqualTo(18080);
    assertThat(sandbox.podReadyDelay).isEqualTo(Duration.ofMillis(100));
    assertThat(sandbox.upgradeSessionWait).isEqualTo(Duration.ofSeconds(5));
    assertThat(sandbox.kubeconfig).isEqualTo(Path.of(".sandbox", "kubeconfig"));
  }

  @Test
  void noOperatorAndHttpsAreOffUnlessAskedFor() {
    Sandbox plain = new Sandbox();
    new CommandLine(plain).parseArgs();
    assertThat(plain.options().runOperator()).isTrue();
    assertThat(plain.options().https()).isFalse();

    Sandbox clusterAlone = new Sandbox();
    new CommandLine(clusterAlone).parseArgs("--no-operator", "--https");
    assertThat(clusterAlone.options().runOperator()).isFalse();
    assertThat(clusterAlone.options().https()).isTrue();
  }

  @Test
  void overHttpsTheKubeconfigCarriesTheCaAndAPlaceholderToken() {
    String text = Kubeconfig.render("https://127.0.0.1:6443", Optional.of("-----BEGIN CERTIFICATE-----\n"));
    assertThat(text).contains("server: https://127.0.0.1:6443\n    certificate-authority-data: LS0tLS1CRUdJTi")
        .contains("user: {token: " + Kubeconfig.HTTPS_TOKEN + "}");
    assertThat(Kubeconfig.render("http://127.0.0.1:8080/", Optional.empty()))
        .doesNotContain("certificate-authority").contains("user: {}");
  }

  @Test
  void theKubeconfigNamesTheServerAndNamespaceDefaultAndIsReplacedWhole(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("nested/kubeconfig");
    Kubeconfig written = Kubeconfig.write(path, "http://127.0.0.1:34567/", Optional.empty());
    assertThat(written.path()).isEqualTo(path.toAbsolutePath());
    String text = Files.readString(path);
    assertThat(text).contains("server: http://127.0.0.1:34567\n").contains("namespace: default")
        .contains("current-context: milvus-sandbox");
    Kubeconfig.write(path, "http://127.0.0.1:45678/", Optional.empty());
    assertThat(Files.readString(path)).contains("127.0.0.1:45678");
    try (var files = Files.list(path.getParent())) {
      assertThat(files).containsExactly(path); // no temporary file left behind
    }
    written.delete();
    assertThat(path).doesNotExist();
  }
}
