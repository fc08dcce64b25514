package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** A HorizontalPodAutoscaler for a component. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.minReplicas) || self.minReplicas <= self.maxReplicas",
    message = "hpa.minReplicas must not exceed hpa.maxReplicas")
public class HpaSpec extends ExtensibleObject {

  @JsonPropertyDescription("Fewest pods (default 1).")
  @Min(1)
  private Integer minReplicas;

  @JsonPropertyDescription("Most pods.")
  @Min(1)
  @Required
  private Integer maxReplicas;

  @JsonPropertyDescription("What to scale on, as autoscaling/v2 MetricSpecs.")
  @SchemaFrom(type = FreeFormObject[].class)
  private List<Map<String, Object>> metrics;

  @JsonPropertyDescription("Scaling speed, an autoscaling/v2 HorizontalPodAutoscalerBehavior.")
  @SchemaFrom(type = FreeFormObject.class)
  private Map<String, Object> behavior;

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public List<Map<String, Object>> getMetrics() {
    return metrics;
  }

  public void setMetrics(List<Map<String, Object>> metrics) {
    this.metrics = metrics;
  }

  public Map<String, Object> getBehavior() {
    return behavior;
  }

  public void setBehavior(Map<String, Object> behavior) {
    this.behavior = behavior;
  }
}
