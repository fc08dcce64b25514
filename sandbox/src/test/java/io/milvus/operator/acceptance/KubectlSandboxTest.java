package io.milvus.operator.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.milvus.operator.sandbox.SandboxCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed document's commands, typed word for word into the real kubectl against the sandbox: create a standalone
 * Milvus, look at it, upgrade it by patching the image (both of the seed's YAMLs), delete it, then migrate a 2.1
 * Milvus with a MilvusUpgrade. One sandbox, one story, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlSandboxTest {

  /** The seed's rolling-upgrade Milvus, applied as the starting point. */
  private static final String MILVUS = """
      apiVersion: milvus.io/v1beta1
      kind: Milvus
      metadata:
        name: my-release
      spec:
        components:
          enableRollingUpdate: true
          imageUpdateMode: rollingUpgrade # Default value, can be omitted
          image: milvusdb/milvus:v2.4.23
      """;

  /** The seed's "upgrade by changing the image" file, stray top-level labels included; image one patch higher. */
  private static final String IMAGE_CHANGE = """
      apiVersion: milvus.io/v1beta1
      kind: Milvus
      metadata:
          name: my-release
      labels:
          app: milvus
      spec:
        # Omit other fields ...
        components:
         image: milvusdb/milvus:v2.4.24
      """;

  /** The seed's rolling-upgrade file with imageUpdateMode: all, one patch higher again. */
  private static final String ROLLING_ALL = """
      apiVersion: milvus.io/v1beta1
      kind: Milvus
      metadata:
        name: my-release
      spec:
        components:
          enableRollingUpdate: true
          imageUpdateMode: all
          image: milvusdb/milvus:v2.4.25
      """;

  /** A Milvus from before 2.2, whose metadata must be migrated. */
  private static final String MILVUS_2_1 = """
      apiVersion: milvus.io/v1beta1
      kind: Milvus
      metadata:
        name: my-release
      spec:
        components:
          image: milvusdb/milvus:v2.1.4
      """;

  /** The seed's MilvusUpgrade, comments included. */
  private static final String MILVUS_UPGRADE = """
      apiVersion: milvus.io/v1beta1
      kind: MilvusUpgrade
      metadata:
        name: my-release-upgrade
      spec:
        milvus:
          namespace: default
          name: my-release
        sourceVersion: "v2.1.4"
        targetVersion: "v2.4.23"
        # below are some omit default values:
        # targetImage: "milvusdb/milvus:v2.4.23"
        # toolImage: "milvusdb/meta-migration:v2.2.0"
        # operation: upgrade
        # rollbackIfFailed: true
        # backupPVC: ""
        # maxRetry: 3
      """;

  private Path workDir;
  private SandboxCluster sandbox;
  private Kubectl kubectl;

  @BeforeAll
  void startSandbox(@TempDir Path dir) {
    workDir = dir;
    assumeTrue(Kubectl.installed(), "kubectl is not installed at " + Kubectl.BINARY + ": the kubectl acceptance tests "
        + "are skipped (apt-get install kubectl, or put a v1.2x kubectl there, to run them)");
    long started = System.nanoTime();
    sandbox = SandboxCluster.start(SandboxCluster.Options.defaults()
        .withKubeconfig(workDir.resolve(".sandbox/kubeconfig"))
        .withPodReadyDelay(Duration.ofMillis(100))
        .withUpgradeSessionWait(Duration.ofSeconds(1)));
    System.out.printf("sandbox started in %d ms (in the test JVM)%n", (System.nanoTime() - started) / 1_000_000);
    kubectl = new Kubectl(sandbox.kubeconfig(), workDir);
  }

  @AfterAll
  void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
      assertThat(sandbox.kubeconfig()).doesNotExist();
    }
  }

  @Test
  @Order(1)
  void applyAStandaloneMilvusAndGetItHealthyWithItsPrinterColumns() throws Exception {
    kubectl.write("milvus.yaml", MILVUS);
    assertThat(kubectl.run("apply", "-f", "milvus.yaml").ok().out()).contains("milvus.milvus.io/my-release created");
    kubectl.run("wait", "--for=jsonpath={.status.status}=Healthy", "milvus/my-release", "--timeout=60s").ok();

    String table = kubectl.run("get", "milvus").ok().out();
    assertThat(table).containsPattern("NAME\\s+MODE\\s+STATUS\\s+UPDATED\\s+AGE")
        .containsPattern("my-release\\s+standalone\\s+Healthy\\s+True\\s+\\d+s");
  }

  @Test
  @Order(2)
  void describeShowsTheConditionsAndTheOperatorsEvents() throws Exception {
    String described = kubectl.run("describe", "milvus", "my-release").ok().out();
    assertThat(described).containsPattern("Conditions:")
        .containsPattern("Type:\\s+MilvusReady").containsPattern("Type:\\s+MilvusUpdated")
        .containsPattern("Status:\\s+Healthy")
        .containsPattern("Events:\\s*\\n\\s+Type\\s+Reason\\s+Age\\s+From\\s+Message")
        .containsPattern("Normal\\s+Healthy\\s+.*milvus-operator\\s+Milvus is healthy")
        .doesNotContain("Events:              <none>");
  }

  @Test
  @Order(3)
  void getPodListsTheRunningPodsOnTheSandboxNode() throws Exception {
    String pods = kubectl.run("get", "pod").ok().out();
    assertThat(pods).containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE")
        .containsPattern("my-release-milvus-standalone-\\S+\\s+1/1\\s+Running\\s+0\\s+")
        .containsPattern("my-release-etcd-0\\s+1/1\\s+Running");
    assertThat(kubectl.run("get", "pod", "-o", "wide").ok().out()).contains("sandbox-node");
  }

  @Test
  @Order(4)
  void patchingTheImageLikeTheSeedUpgradesMilvus() throws Exception {
    kubectl.write("milvusupgrade.yaml", IMAGE_CHANGE);
    Kubectl.Result patched = kubectl.run("patch", "-f", "milvusupgrade.yaml", "--patch-file", "milvusupgrade.yaml",
        "--type", "merge").ok();
    assertThat(patched.out()).contains("milvus.milvus.io/my-release patched");
    // the seed's file has labels at the top level: the API server drops them and says so, as Kubernetes does
    assertThat(patched.err()).contains("Warning: unknown field \"labels\"");
    assertUpgradedTo("milvusdb/milvus:v2.4.24");
  }

  @Test
  @Order(5)
  void patchingWithTheRollingUpgradeFileUpgradesMilvus() throws Exception {
    kubectl.write("milvusupgrade.yaml", ROLLING_ALL);
    assertThat(kubectl.run("patch", "-f", "milvusupgrade.yaml", "--patch-file", "milvusupgrade.yaml",
        "--type", "merge").ok().out()).contains("milvus.milvus.io/my-release patched");
    assertUpgradedTo("milvusdb/milvus:v2.4.25");
    assertThat(kubectl.run("get", "milvus", "my-release", "-o", "yaml").ok().out())
        .contains("imageUpdateMode: all").contains("enableRollingUpdate: true").doesNotContain("\nlabels:");
  }

  @Test
  @Order(6)
  void deletingMilvusCompletes() throws Exception {
    assertThat(kubectl.run("delete", "milvus", "my-release", "--timeout=60s").ok().out())
        .contains("milvus.milvus.io \"my-release\" deleted");
    assertThat(kubectl.run("get", "milvus").ok().err()).contains("No resources found in default namespace.");
  }

  @Test
  @Order(7)
  void migratingA21MilvusWithTheSeedsMilvusUpgradeSucceeds() throws Exception {
    kubectl.write("milvus-2.1.yaml", MILVUS_2_1);
    kubectl.run("apply", "-f", "milvus-2.1.yaml").ok();
    kubectl.run("wait", "--for=jsonpath={.status.status}=Healthy", "milvus/my-release", "--timeout=60s").ok();

    kubectl.write("milvusupgrade.yaml", MILVUS_UPGRADE);
    assertThat(kubectl.run("create", "-f", "milvusupgrade.yaml").ok().out())
        .contains("milvusupgrade.milvus.io/my-release-upgrade created");
    assertThat(kubectl.run("get", "milvusupgrade").ok().out())
        .containsPattern("NAME\\s+STATE\\s+SOURCE\\s+TARGET\\s+AGE")
        .containsPattern("my-release-upgrade\\s+(\\S+\\s+)?v2\\.1\\.4\\s+v2\\.4\\.23\\s+\\d+s");
    kubectl.run("wait", "--for=jsonpath={.status.state}=Succeeded", "milvusupgrade/my-release-upgrade",
        "--timeout=60s").ok();

    assertThat(kubectl.run("get", "milvusupgrade").ok().out())
        .containsPattern("my-release-upgrade\\s+Succeeded\\s+v2\\.1\\.4\\s+v2\\.4\\.23");
    assertThat(kubectl.run("describe", "milvus", "my-release").ok().out())
        .containsPattern("Current Image:\\s+milvusdb/milvus:v2\\.4\\.23").containsPattern("Status:\\s+Healthy");
    assertThat(kubectl.run("get", "pod").ok().out())
        .containsPattern("my-release-milvus-standalone-\\S+\\s+1/1\\s+Running");
    assertThat(kubectl.run("delete", "-f", "milvusupgrade.yaml").ok().out())
        .contains("milvusupgrade.milvus.io \"my-release-upgrade\" deleted");
  }

  private void assertUpgradedTo(String image) throws Exception {
    kubectl.run("wait", "--for=jsonpath={.status.currentImage}=" + image, "milvus/my-release", "--timeout=60s").ok();
    kubectl.run("wait", "--for=condition=MilvusUpdated", "milvus/my-release", "--timeout=60s").ok();
    assertThat(kubectl.run("get", "deployment", "my-release-milvus-standalone", "-o",
        "jsonpath={.spec.template.spec.containers[?(@.name==\"milvus\")].image}").ok().out()).isEqualTo(image);
    assertThat(kubectl.run("get", "milvus").ok().out())
        .containsPattern("my-release\\s+standalone\\s+Healthy\\s+True");
  }
}
