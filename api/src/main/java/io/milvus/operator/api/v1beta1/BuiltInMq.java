package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A message queue built into Milvus (rocksmq, natsmq, woodpecker). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BuiltInMq extends ExtensibleObject {

  private Persistence persistence;

  public Persistence getPersistence() {
    return persistence;
  }

  public void setPersistence(Persistence persistence) {
    this.persistence = persistence;
  }
}
