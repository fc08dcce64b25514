package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** An Ingress to the Milvus service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusIngress extends ExtensibleObject {

  @JsonPropertyDescription("Extra labels on the Ingress.")
  private Map<String, String> labels;

  @JsonPropertyDescription("Annotations on the Ingress, e.g. for the ingress controller.")
  private Map<String, String> annotations;

  @JsonPropertyDescription("The IngressClass that serves it; the cluster's default class when empty.")
  private String ingressClassName;

  @JsonPropertyDescription("Host names routed to the Milvus Service's gRPC port.")
  private List<String> hosts;

  @JsonPropertyDescription("TLS for the hosts: Secret name to the hosts its certificate covers.")
  private Map<String, List<String>> tlsSecretRefs;

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  public String getIngressClassName() {
    return ingressClassName;
  }

  public void setIngressClassName(String ingressClassName) {
    this.ingressClassName = ingressClassName;
  }

  public List<String> getHosts() {
    return hosts;
  }

  public void setHosts(List<String> hosts) {
    this.hosts = hosts;
  }

  public Map<String, List<String>> getTlsSecretRefs() {
    return tlsSecretRefs;
  }

  public void setTlsSecretRefs(Map<String, List<String>> tlsSecretRefs) {
    this.tlsSecretRefs = tlsSecretRefs;
  }
}
