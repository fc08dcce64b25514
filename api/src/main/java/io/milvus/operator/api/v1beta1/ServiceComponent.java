package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** A component that serves clients (standalone, proxy): it gets the Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceComponent extends Component {

  @JsonPropertyDescription("Type of the Milvus Service: ClusterIP (default), NodePort or LoadBalancer.")
  @ValidationRule(value = "self in ['ClusterIP', 'NodePort', 'LoadBalancer']", message = "serviceType must be ClusterIP, NodePort or LoadBalancer")
  private String serviceType;

  @JsonPropertyDescription("The Service's gRPC port for clients; 19530 when unset or 0.")
  @Min(0)
  @Max(65535)
  private Integer port;

  @JsonPropertyDescription("A Service port for the RESTful API (served by Milvus on 19530); none when unset or 0.")
  @Min(0)
  @Max(65535)
  private Integer serviceRestfulPort;

  @JsonPropertyDescription("Extra labels on the Milvus Service.")
  private Map<String, String> serviceLabels;

  @JsonPropertyDescription("Extra annotations on the Milvus Service, e.g. for a cloud load balancer.")
  private Map<String, String> serviceAnnotations;

  @JsonPropertyDescription("An Ingress in front of the Milvus Service.")
  private MilvusIngress ingress;

  public String getServiceType() {
    return serviceType;
  }

  public void setServiceType(String serviceType) {
    this.serviceType = serviceType;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public Integer getServiceRestfulPort() {
    return serviceRestfulPort;
  }

  public void setServiceRestfulPort(Integer serviceRestfulPort) {
    this.serviceRestfulPort = serviceRestfulPort;
  }

  public Map<String, String> getServiceLabels() {
    return serviceLabels;
  }

  public void setServiceLabels(Map<String, String> serviceLabels) {
    this.serviceLabels = serviceLabels;
  }

  public Map<String, String> getServiceAnnotations() {
    return serviceAnnotations;
  }

  public void setServiceAnnotations(Map<String, String> serviceAnnotations) {
    this.serviceAnnotations = serviceAnnotations;
  }

  public MilvusIngress getIngress() {
    return ingress;
  }

  public void setIngress(MilvusIngress ingress) {
    this.ingress = ingress;
  }
}
