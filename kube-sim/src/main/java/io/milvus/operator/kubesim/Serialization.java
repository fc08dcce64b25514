package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** kube-sim's serializers, built once and shared: both are thread-safe once built and never reconfigured. */
final class Serialization {

  /** fabric8's model types (Status bodies, pods made from templates, CRDs). */
  static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  /** Plain Jackson, for the stored JSON trees. */
  static final ObjectMapper PLAIN = new ObjectMapper();

  private Serialization() {}
}
