package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;

/** Pod settings shared by every component; set globally under components, overridable per component. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentSpec extends ExtensibleObject {

  @JsonPropertyDescription("Pause the Deployment's rollouts (Deployment spec.paused).")
  private Boolean paused;

  @JsonPropertyDescription("Extra labels on the pods.")
  private Map<String, String> podLabels;

  @JsonPropertyDescription("Extra annotations on the pods.")
  private Map<String, String> podAnnotations;

  @JsonPropertyDescription("The Milvus image; default the operator's --milvus-image (milvusdb/milvus:v2.6.11). A change upgrades Milvus (see enableRollingUpdate); a component's own pins it.")
  private String image;

  @JsonPropertyDescription("The Milvus version of the image, e.g. v2.6.3; default the image tag. Selects version-dependent behaviour.")
  private String version;

  @JsonPropertyDescription("Replaces the container's arguments (default: milvus run <component>).")
  private List<String> commands;

  @JsonPropertyDescription("Run Milvus with --run-with-subprocess (Milvus 2.2.15, 2.3.2+).")
  private Boolean runWithSubProcess;

  @JsonPropertyDescription("Always, IfNotPresent (default) or Never.")
  @ValidationRule(value = "self in ['Always', 'IfNotPresent', 'Never']", message = "imagePullPolicy must be Always, IfNotPresent or Never")
  private String imagePullPolicy;

  @JsonPropertyDescription("Secrets for pulling the image from a private registry.")
  private List<LocalObjectReference> imagePullSecrets;

  @JsonPropertyDescription("Extra environment variables, merged by name.")
  private List<EnvVar> env;

  @JsonPropertyDescription("The scheduler of the pods; default Kubernetes' own.")
  private String schedulerName;

  @JsonPropertyDescription("Node labels the pods must run on.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("The pods' Kubernetes Affinity.")
  @SchemaFrom(type = FreeFormObject.class)
  private Affinity affinity;

  @JsonPropertyDescription("Taints the pods tolerate.")
  private List<Toleration> tolerations;

  @JsonPropertyDescription("Kubernetes TopologySpreadConstraints of the pods.")
  @SchemaFrom(type = FreeFormObject[].class)
  private List<TopologySpreadConstraint> topologySpreadConstraints;

  @JsonPropertyDescription("CPU and memory requests and limits of the Milvus container.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("Extra volume mounts of the Milvus container.")
  private List<VolumeMount> volumeMounts;

  @JsonPropertyDescription("Extra pod volumes, as Kubernetes Volumes.")
  @SchemaFrom(type = FreeFormObject[].class)
  private List<Map<String, Object>> volumes;

  @JsonPropertyDescription("The pods' ServiceAccount, e.g. one with a cloud IAM role.")
  private String serviceAccountName;

  @JsonPropertyDescription("The PriorityClass of the pods.")
  private String priorityClassName;

  @JsonPropertyDescription("Use the node's network (default false).")
  private Boolean hostNetwork;

  @JsonPropertyDescription("ClusterFirst (default), ClusterFirstWithHostNet, Default or None.")
  @ValidationRule(
      value = "self in ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']",
      message = "dnsPolicy must be ClusterFirst, ClusterFirstWithHostNet, Default or None")
  private String dnsPolicy;

  @JsonPropertyDescription("startupProbe, livenessProbe, readinessProbe (Kubernetes Probes) replacing the defaults: TCP and GET /healthz on port 9091.")
  @SchemaFrom(type = FreeFormObject.class)
  private Map<String, Object> probes;

  @JsonPropertyDescription("The Milvus container's Kubernetes SecurityContext.")
  @SchemaFrom(type = FreeFormObject.class)
  private Map<String, Object> securityContext;

  public Boolean getPaused() {
    return paused;
  }

  public void setPaused(Boolean paused) {
    this.paused = paused;
  }

  public Map<String, String> getPodLabels() {
    return podLabels;
  }

  public void setPodLabels(Map<String, String> podLabels) {
    this.podLabels = podLabels;
  }

  public Map<String, String> getPodAnnotations() {
    return podAnnotations;
  }

  public void setPodAnnotations(Map<String, String> podAnnotations) {
    this.podAnnotations = podAnnotations;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public List<String> getCommands() {
    return commands;
  }

  public void setCommands(List<String> commands) {
    this.commands = commands;
  }

  public Boolean getRunWithSubProcess() {
    return runWithSubProcess;
  }

  public void setRunWithSubProcess(Boolean runWithSubProcess) {
    this.runWithSubProcess = runWithSubProcess;
  }

  public String getImagePullPolicy() {
    return imagePullPolicy;
  }

  public void setImagePullPolicy(String imagePullPolicy) {
    this.imagePullPolicy = imagePullPolicy;
  }

  public List<LocalObjectReference> getImagePullSecrets() {
    return imagePullSecrets;
  }

  public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public String getSchedulerName() {
    return schedulerName;
  }

  public void setSchedulerName(String schedulerName) {
    this.schedulerName = schedulerName;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
    return topologySpreadConstraints;
  }

  public void setTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
    this.topologySpreadConstraints = topologySpreadConstraints;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public List<VolumeMount> getVolumeMounts() {
    return volumeMounts;
  }

  public void setVolumeMounts(List<VolumeMount> volumeMounts) {
    this.volumeMounts = volumeMounts;
  }

  public List<Map<String, Object>> getVolumes() {
    return volumes;
  }

  public void setVolumes(List<Map<String, Object>> volumes) {
    this.volumes = volumes;
  }

  public String getServiceAccountName() {
    return serviceAccountName;
  }

  public void setServiceAccountName(String serviceAccountName) {
    this.serviceAccountName = serviceAccountName;
  }

  public String getPriorityClassName() {
    return priorityClassName;
  }

  public void setPriorityClassName(String priorityClassName) {
    this.priorityClassName = priorityClassName;
  }

  public Boolean getHostNetwork() {
    return hostNetwork;
  }

  public void setHostNetwork(Boolean hostNetwork) {
    this.hostNetwork = hostNetwork;
  }

  public String getDnsPolicy() {
    return dnsPolicy;
  }

  public void setDnsPolicy(String dnsPolicy) {
    this.dnsPolicy = dnsPolicy;
  }

  public Map<String, Object> getProbes() {
    return probes;
  }

  public void setProbes(Map<String, Object> probes) {
    this.probes = probes;
  }

  public Map<String, Object> getSecurityContext() {
    return securityContext;
  }

  public void setSecurityContext(Map<String, Object> securityContext) {
    this.securityContext = securityContext;
  }
}
