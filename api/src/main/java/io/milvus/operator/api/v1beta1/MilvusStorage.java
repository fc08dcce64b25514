package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Object storage: MinIO, S3 or Azure. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.external) || !self.external || (has(self.endpoint) && self.endpoint != '')",
    message = "an external storage needs an endpoint")
public class MilvusStorage extends ExtensibleObject {

  @JsonPropertyDescription("MinIO (default), S3 (also S3-compatible services such as GCS) or Azure.")
  @ValidationRule(value = "self in ['MinIO', 'S3', 'Azure', '']", message = "storage type must be MinIO, S3 or Azure")
  private String type;

  @JsonPropertyDescription("A Secret with the access keys under accesskey and secretkey; empty to use an IAM role.")
  private String secretRef;

  @JsonPropertyDescription("host:port of the external object storage, e.g. s3.us-west-2.amazonaws.com:443; required when external.")
  private String endpoint;

  @JsonPropertyDescription("The MinIO the operator deploys when not external: <name>-minio.")
  private InClusterConfig inCluster;

  @JsonPropertyDescription("Use existing object storage (endpoint) instead of deploying MinIO (default false).")
  private Boolean external;

  @JsonPropertyDescription("TLS settings the operator's own storage check uses; Milvus takes its TLS settings from config.minio.")
  private StorageSsl ssl;

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(String secretRef) {
    this.secretRef = secretRef;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public InClusterConfig getInCluster() {
    return inCluster;
  }

  public void setInCluster(InClusterConfig inCluster) {
    this.inCluster = inCluster;
  }

  public Boolean getExternal() {
    return external;
  }

  public void setExternal(Boolean external) {
    this.external = external;
  }

  public StorageSsl getSsl() {
    return ssl;
  }

  public void setSsl(StorageSsl ssl) {
    this.ssl = ssl;
  }
}
