package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One hop of an upgrade path. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UpgradeHop extends ExtensibleObject {

  public static final String DONE = "Done";
  public static final String IN_PROGRESS = "InProgress";
  public static final String PLANNED = "Planned";

  @JsonPropertyDescription("The version.")
  private String version;

  @JsonPropertyDescription("The image.")
  private String image;

  @JsonPropertyDescription("rolling, or mixCoord: the coordinators merge.")
  private String step;

  @JsonPropertyDescription("Done, InProgress or Planned.")
  private String state;

  public UpgradeHop() {}

  public UpgradeHop(String version, String image, String step, String state) {
    this.version = version;
    this.image = image;
    this.step = step;
    this.state = state;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getStep() {
    return step;
  }

  public void setStep(String step) {
    this.step = step;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }
}
