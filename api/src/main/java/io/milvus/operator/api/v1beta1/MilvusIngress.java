package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** An Ingress to the Milvus service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusIngress extends ExtensibleObject {

  private Map<String, String> labels;

  private Map<String, String> annotations;

  private String ingressClassName;

  private List<String> hosts;

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
