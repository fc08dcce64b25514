package io.milvus.operator.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.milvus.operator.sandbox.SandboxCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/upgrade-paths.md's sandbox walk-through, typed into the real kubectl: a 2.4.5 cluster asked for 2.6.11 walks
 * through 2.4.23 and 2.5.26; the 2.5.26 hop is made to crash with a Namespace annotation, stalls and says why, and
 * resumes when the annotation goes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlUpgradePathTest {

  private static final String WALKER = """
      apiVersion: milvus.io/v1beta1
      kind: Milvus
      metadata:
        name: walker
      spec:
        mode: cluster
        components:
          image: milvusdb/milvus:v2.4.5
        dependencies:
          pulsar: {external: true, endpoint: "pulsar.example:6650"}
      """;

  private SandboxCluster sandbox;
  private Kubectl kubectl;

  @BeforeAll
  void startSandbox(@TempDir Path dir) {
    assumeTrue(Kubectl.installed(), "kubectl is not installed at " + Kubectl.BINARY);
    sandbox = SandboxCluster.start(SandboxCluster.Options.defaults()
        .withKubeconfig(dir.resolve(".sandbox/kubeconfig"))
        .withPodReadyDelay(Duration.ofMillis(100)));
    kubectl = new Kubectl(sandbox.kubeconfig(), dir);
  }

  @AfterAll
  void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void aStalledHopIsShownWithKubectlAndResumesWhenTheImageIsFixed() throws Exception {
    kubectl.write("walker.yaml", WALKER);
    kubectl.run("apply", "-f", "walker.yaml").ok();
    kubectl.run("wait", "--for=jsonpath={.status.status}=Healthy", "milvus/walker", "--timeout=90s").ok();

    kubectl.run("annotate", "namespace", "default", "kubesim.milvus.io/crashing-images=milvusdb/milvus:v2.5.26").ok();
    kubectl.run("patch", "milvus", "walker", "--type", "merge", "-p",
        "{\"spec\":{\"components\":{\"image\":\"milvusdb/milvus:v2.6.11\"}}}").ok();

    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertThat(kubectl.run("get", "milvus", "walker", "-o", "wide").ok().out())
          .containsPattern("NAME\\s+MODE\\s+STATUS\\s+UPDATED\\s+AGE\\s+TARGET\\s+HOP")
          .containsPattern("walker\\s+cluster\\s+\\S+\\s+False\\s+\\S+\\s+v2\\.6\\.11\\s+v2\\.5\\.26");
      assertThat(kubectl.run("get", "milvus", "walker", "-o", "jsonpath={.status.upgradePath.waiting}").ok().out())
          .contains("pod walker-milvus-", "CrashLoopBackOff");
    });
    assertThat(kubectl.run("get", "milvus", "walker").ok().out()).as("the default columns stay as they are")
        .containsPattern("NAME\\s+MODE\\s+STATUS\\s+UPDATED\\s+AGE\\s*\\n").doesNotContain("TARGET");
    assertThat(kubectl.run("get", "milvus", "walker", "-o", "jsonpath={.status.currentImage}").ok().out())
        .isEqualTo("milvusdb/milvus:v2.4.23");

    kubectl.run("annotate", "namespace", "default", "kubesim.milvus.io/crashing-images-").ok();

    kubectl.run("wait", "--for=jsonpath={.status.currentImage}=milvusdb/milvus:v2.6.11", "milvus/walker",
        "--timeout=120s").ok();
    assertThat(kubectl.run("describe", "milvus", "walker").ok().out())
        .contains("UpgradePathPlanned", "UpgradeHop", "UpgradePathCompleted");
  }
}
