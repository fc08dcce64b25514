package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One condition of a Milvus. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusCondition extends ExtensibleObject {

  private String type;

  private String status;

  private String lastTransitionTime;

  private String reason;

  private String message;

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(String lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
