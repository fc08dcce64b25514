package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** TLS settings for reaching the object storage. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageSsl extends ExtensibleObject {

  @JsonPropertyDescription("Reach the object storage over TLS (default false).")
  private Boolean enabled;

  @JsonPropertyDescription("A Secret holding the CA certificate under the key ca.crt.")
  private String caCertificateRef;

  @JsonPropertyDescription("Skip certificate verification (default false); for tests only.")
  private Boolean insecureSkipVerify;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getCaCertificateRef() {
    return caCertificateRef;
  }

  public void setCaCertificateRef(String caCertificateRef) {
    this.caCertificateRef = caCertificateRef;
  }

  public Boolean getInsecureSkipVerify() {
    return insecureSkipVerify;
  }

  public void setInsecureSkipVerify(Boolean insecureSkipVerify) {
    this.insecureSkipVerify = insecureSkipVerify;
  }
}
