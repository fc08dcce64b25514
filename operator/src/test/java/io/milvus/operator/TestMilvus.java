package io.milvus.operator;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.MilvusDefaults;
import io.milvus.operator.api.OperatorDefaults;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.render.RenderContext;

/** Milvus resources for tests, written as the user writes them: YAML. */
public final class TestMilvus {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  /** The seed document's resource. */
  public static final String SEED = """
      apiVersion: milvus.io/v1beta1
      kind: Milvus
      metadata:
        name: my-release
        namespace: default
      spec:
        components:
          enableRollingUpdate: true
          imageUpdateMode: rollingUpgrade
          image: milvusdb/milvus:v2.4.23
      """;

  private TestMilvus() {}

  public static Milvus parse(String yaml) {
    Milvus milvus = JSON.unmarshal(yaml, Milvus.class);
    if (milvus.getMetadata().getNamespace() == null) {
      milvus.getMetadata().setNamespace("default");
    }
    if (milvus.getMetadata().getUid() == null) {
      milvus.getMetadata().setUid("uid-" + milvus.getMetadata().getName());
    }
    return milvus;
  }

  /** A Milvus named {@code name} whose spec is the given YAML block (indented as under {@code spec:}). */
  public static Milvus withSpec(String name, String specYaml) {
    String indented = specYaml.stripIndent().lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
    return parse("apiVersion: milvus.io/v1beta1\nkind: Milvus\nmetadata:\n  name: " + name + "\nspec:\n" + indented);
  }

  public static RenderContext context(Milvus milvus) {
    return RenderContext.of(milvus, MilvusDefaults.apply(milvus.getSpec(), OperatorDefaults.standard()));
  }
}
