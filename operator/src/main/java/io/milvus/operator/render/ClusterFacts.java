package io.milvus.operator.render;

/**
 * What rendering needs to know about the cluster beyond the Milvus itself, observed by the reconciler.
 *
 * @param kafkaCaGiven the Kafka Secret ({@code dependencies.kafka.secretRef}) holds a private CA ({@code ca.pem})
 * @param podMonitorsServed the Prometheus operator's PodMonitor kind is installed
 * @param milvusSecrets the digest of the user's Secret values Milvus's pods read at start ({@link ConsumedSecrets});
 *     null when they read none
 * @param brokerSecrets the same for an in-cluster Kafka's brokers
 */
public record ClusterFacts(boolean kafkaCaGiven, boolean podMonitorsServed, String milvusSecrets,
    String brokerSecrets) {

  /** Nothing known: no private Kafka CA, no Prometheus operator. */
  public static final ClusterFacts NONE = new ClusterFacts(false, false);

  public ClusterFacts(boolean kafkaCaGiven, boolean podMonitorsServed) {
    this(kafkaCaGiven, podMonitorsServed, null, null);
  }
}
