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

  @JsonPropertyDescription("Pauses the rollout of the component's Deployment.")
  private Boolean paused;

  private Map<String, String> podLabels;

  private Map<String, String> podAnnotations;

  @JsonPropertyDescription("The Milvus image, e.g. milvusdb/milvus:v2.4.23.")
  private String image;

  @JsonPropertyDescription("The Milvus version of the image; the image tag when not set.")
  private String version;

  @JsonPropertyDescription("Overrides the container's command and arguments.")
  private List<String> commands;

  private Boolean runWithSubProcess;

  @ValidationRule(value = "self in ['Always', 'IfNotPresent', 'Never']", message = "imagePullPolicy must be Always, IfNotPresent or Never")
  private String imagePullPolicy;

  private List<LocalObjectReference> imagePullSecrets;

  private List<EnvVar> env;

  private String schedulerName;

  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("A corev1 Affinity.")
  @SchemaFrom(type = FreeFormObject.class)
  private Affinity affinity;

  private List<Toleration> tolerations;

  @JsonPropertyDescription("corev1 TopologySpreadConstraint objects.")
  @SchemaFrom(type = FreeFormObject[].class)
  private List<TopologySpreadConstraint> topologySpreadConstraints;

  private ResourceRequirements resources;

  private List<VolumeMount> volumeMounts;

  @JsonPropertyDescription("Pod volumes, as corev1 Volume objects.")
  @SchemaFrom(type = FreeFormObject[].class)
  private List<Map<String, Object>> volumes;

  private String serviceAccountName;

  private String priorityClassName;

  private Boolean hostNetwork;

  @ValidationRule(
      value = "self in ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']",
      message = "dnsPolicy must be ClusterFirst, ClusterFirstWithHostNet, Default or None")
  private String dnsPolicy;

  @JsonPropertyDescription("startupProbe, livenessProbe and readinessProbe, as corev1 Probe objects.")
  @SchemaFrom(type = FreeFormObject.class)
  private Map<String, Object> probes;

  @JsonPropertyDescription("A corev1 SecurityContext for the Milvus container.")
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
