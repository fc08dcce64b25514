package io.milvus.operator.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.render.MilvusRenderer;
import io.milvus.operator.render.RenderContext;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What Helm installed is used where it is, and nothing of it is rendered. */
class HelmDependenciesTest {

  static final RenderContext CTX = TestMilvus.context(TestMilvus.withSpec("m", """
      mode: cluster
      dependencies:
        msgStreamType: pulsar
      """));

  @Test
  void onlyInClusterDependenciesWhoseServiceHelmMadeCount() {
    assertThat(HelmDependencies.installedByHelm(CTX, Set.of("m-etcd", "m-minio", "other-etcd")))
        .containsExactly("etcd", "storage");
  }

  @Test
  void aHelmDependencyIsServedAtItsInClusterAddressAndNotRendered() {
    MilvusSpec spec = HelmDependencies.servedAsExternal(CTX, List.of("etcd", "storage", "pulsar"));
    RenderContext served = new RenderContext("m", CTX.namespace(), CTX.uid(), spec);

    assertThat(spec.getDependencies().getEtcd().getEndpoints()).containsExactly("m-etcd.default:2379");
    assertThat(spec.getDependencies().getStorage().getSecretRef()).isEqualTo("m-minio");
    assertThat(MilvusRenderer.render(served).dependencies()).as("nothing of etcd, MinIO or Pulsar is rendered")
        .isEmpty();
    assertThat(MilvusRenderer.render(served).configMap().getData().get("user.yaml"))
        .isEqualTo(MilvusRenderer.render(CTX).configMap().getData().get("user.yaml"));
  }
}
