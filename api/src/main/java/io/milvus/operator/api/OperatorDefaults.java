package io.milvus.operator.api;

/** Defaults the operator's own flags can change. */
public record OperatorDefaults(String milvusImage) {

  public static final String DEFAULT_MILVUS_IMAGE = "milvusdb/milvus:v2.4.23";

  public static OperatorDefaults standard() {
    return new OperatorDefaults(DEFAULT_MILVUS_IMAGE);
  }
}
