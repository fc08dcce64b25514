package io.milvus.operator.api;

/**
 * Defaults the operator's own flags can change, and what a running Milvus keeps.
 *
 * @param milvusImage the image of a Milvus whose spec names none
 * @param messageQueue the queue of a Milvus whose spec names none, when it differs from the image's default: a
 *     running Milvus keeps the queue it runs on (null: the default of the image's release line)
 */
public record OperatorDefaults(String milvusImage, String messageQueue) {

  /** Upstream v1.3.8's default (pkg/config/config.go): a new Milvus gets 2.6's topology and queue. */
  public static final String DEFAULT_MILVUS_IMAGE = "milvusdb/milvus:v2.6.11";

  public OperatorDefaults(String milvusImage) {
    this(milvusImage, null);
  }

  public static OperatorDefaults standard() {
    return new OperatorDefaults(DEFAULT_MILVUS_IMAGE);
  }

  /** These defaults, for a Milvus that runs {@code image} on {@code queue}. */
  public OperatorDefaults keeping(String image, String queue) {
    return new OperatorDefaults(image == null ? milvusImage : image, queue == null ? messageQueue : queue);
  }
}
