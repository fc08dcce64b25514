package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** Desired state of a Milvus: mode, components, dependencies and milvus.yaml overrides. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// mixCoord together with separate coordinators is reported by MilvusValidator, not refused here: upstream itself
// writes that combination while it moves a cluster to 2.6, and such a resource must stay editable after a switch.
@ValidationRule(
    value = "!has(self.mode) || self.mode != 'cluster' || !has(self.dependencies) || !has(self.dependencies.msgStreamType)"
        + " || !(self.dependencies.msgStreamType in ['rocksmq', 'natsmq'])",
    message = "rocksmq and natsmq are built into standalone Milvus only: a cluster needs pulsar, kafka or woodpecker")
public class MilvusSpec extends ExtensibleObject {

  @JsonPropertyDescription("standalone (default): one Milvus process; cluster: one Deployment per component, each scaled on its own.")
  @ValidationRule(value = "self in ['standalone', 'cluster']", message = "mode must be standalone or cluster")
  private String mode;

  @JsonPropertyDescription("The Milvus components, and the pod settings shared by all of them: a pod setting (image, resources, env, nodeSelector, ...) given here applies to every component, and the same setting on one component overrides it for that component.")
  private MilvusComponents components;

  @JsonPropertyDescription("etcd, object storage and message queue: deployed by the operator in the namespace (inCluster) or external.")
  private MilvusDependencies dependencies;

  @JsonPropertyDescription("Milvus settings merged over milvus.yaml (e.g. {log: {level: info}}), rendered into the Milvus ConfigMap as user.yaml. The operator sets the dependency addresses itself.")
  @SchemaFrom(type = FreeFormObject.class)
  private Map<String, Object> config;

  @JsonPropertyDescription("Settings of a Milvus hook plugin, rendered into the ConfigMap as hook.yaml.")
  @SchemaFrom(type = FreeFormObject.class)
  private Map<String, Object> hookConfig;

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public MilvusComponents getComponents() {
    return components;
  }

  public void setComponents(MilvusComponents components) {
    this.components = components;
  }

  public MilvusDependencies getDependencies() {
    return dependencies;
  }

  public void setDependencies(MilvusDependencies dependencies) {
    this.dependencies = dependencies;
  }

  public Map<String, Object> getConfig() {
    return config;
  }

  public void setConfig(Map<String, Object> config) {
    this.config = config;
  }

  public Map<String, Object> getHookConfig() {
    return hookConfig;
  }

  public void setHookConfig(Map<String, Object> hookConfig) {
    this.hookConfig = hookConfig;
  }
}
