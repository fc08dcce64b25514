package io.milvus.operator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The one serializer of the api and operator modules (and the benchmarks): thread-safe once built, and costly to
 * build (each one scans for resource types and configures its own Jackson mapper), so it is shared, not made per
 * class.
 */
public final class Serialization {

  /** Kubernetes JSON and YAML, fabric8's model types and this project's custom resources. */
  public static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  /** Plain Jackson, for reading the API types' properties as Jackson sees them; never reconfigured. */
  static final ObjectMapper PLAIN = new ObjectMapper();

  private Serialization() {}
}
