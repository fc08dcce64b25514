package io.milvus.operator.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.TestMilvus;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import org.junit.jupiter.api.Test;

/** The spec revision moves when the user changes what pods are made of, and only then. */
class SpecRevisionTest {

  static MilvusSpec spec(String yaml) {
    return TestMilvus.withSpec("m", yaml).getSpec();
  }

  static final String BASE = """
      mode: cluster
      components:
        image: milvusdb/milvus:v2.5.16
        proxy: {replicas: 1, env: [{name: A, value: "1"}]}
        queryNode: {replicas: 2}
      """;

  @Test
  void keyOrderAndFormattingDoNotCount() {
    assertThat(SpecRevision.of(spec("""
        components:
          queryNode: {replicas: 2}
          proxy: {env: [{value: "1", name: A}], replicas: 1}
          image: milvusdb/milvus:v2.5.16
        mode: cluster
        """))).isEqualTo(SpecRevision.of(spec(BASE)));
  }

  @Test
  void scalingAndPausingDoNotCount() {
    assertThat(SpecRevision.of(spec(BASE.replace("replicas: 2", "replicas: -1").replace("replicas: 1", "replicas: 5")
        .replace("queryNode: {", "queryNode: {paused: true, ")))).isEqualTo(SpecRevision.of(spec(BASE)));
  }

  @Test
  void anImageAnEnvironmentOrAConfigChangeCounts() {
    String base = SpecRevision.of(spec(BASE));

    assertThat(SpecRevision.of(spec(BASE.replace("v2.5.16", "v2.5.17")))).isNotEqualTo(base);
    assertThat(SpecRevision.of(spec(BASE.replace("value: \"1\"", "value: \"2\"")))).isNotEqualTo(base);
    assertThat(SpecRevision.of(spec(BASE + "config: {log: {level: debug}}\n"))).isNotEqualTo(base);
  }
}
