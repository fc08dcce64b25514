package io.milvus.operator.render;

/**
 * What rendering needs to know about the cluster beyond the Milvus itself, observed by the reconciler.
 *
 * @param kafkaCaGiven the Kafka Secret ({@code dependencies.kafka.secretRef}) holds a private CA ({@code ca.pem})
 * @param podMonitorsServed the Prometheus operator's PodMonitor kind is installed
 */
public record ClusterFacts(boolean kafkaCaGiven, boolean podMonitorsServed) {

  /** Nothing known: no private Kafka CA, no Prometheus operator. */
  public static final ClusterFacts NONE = new ClusterFacts(false, false);
}
