package io.milvus.operator.containers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chart's operator container, as podman arguments: what a kubelet would do with the rendered pod spec (user and
 * group, read-only root filesystem with only the pod's emptyDir volumes writable, dropped capabilities, no privilege
 * escalation, memory and CPU limits, the environment with its downward-API values). Anything the mapping does not
 * know fails the test, so a chart change cannot silently go untested.
 */
record ChartContainer(Container container, PodSpec pod, String namespace) {

  static ChartContainer of(Deployment deployment) {
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    if (pod.getContainers().size() != 1) {
      throw new AssertionError("expected one operator container, found " + pod.getContainers().size());
    }
    return new ChartContainer(pod.getContainers().get(0), pod, deployment.getMetadata().getNamespace());
  }

  /** {@code podman run} options for this container (before the image), plus the given extra options. */
  List<String> podmanOptions() {
    List<String> options = new ArrayList<>();
    PodSecurityContext podSecurity = pod.getSecurityContext();
    SecurityContext security = container.getSecurityContext();
    Long user = security != null && security.getRunAsUser() != null ? security.getRunAsUser()
        : podSecurity == null ? null : podSecurity.getRunAsUser();
    Long group = security != null && security.getRunAsGroup() != null ? security.getRunAsGroup()
        : podSecurity == null ? null : podSecurity.getRunAsGroup();
    if (user != null) {
      options.add("--user=" + user + (group == null ? "" : ":" + group));
    }
    if (security != null) {
      if (Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
        // only what the pod mounts is writable: no podman tmpfs on /tmp, /var/tmp and /run
        options.add("--read-only");
        options.add("--read-only-tmpfs=false");
      }
      if (Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
        options.add("--security-opt=no-new-privileges");
      }
      if (security.getCapabilities() != null) {
        security.getCapabilities().getDrop().forEach(cap -> options.add("--cap-drop=" + cap));
        security.getCapabilities().getAdd().forEach(cap -> options.add("--cap-add=" + cap));
      }
    }
    if (container.getResources() != null && container.getResources().getLimits() != null) {
      Map<String, Quantity> limits = container.getResources().getLimits();
      if (limits.containsKey("memory")) {
        options.add("--memory=" + Quantity.getAmountInBytes(limits.get("memory")).toBigInteger() + "b");
      }
      if (limits.containsKey("cpu")) {
        options.add("--cpus=" + Quantity.getAmountInBytes(limits.get("cpu")).toPlainString());
      }
    }
    for (EnvVar env : container.getEnv()) {
      options.add("--env=" + env.getName() + "=" + valueOf(env));
    }
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
          .orElseThrow(() -> new AssertionError("no volume named " + mount.getName()));
      if (volume.getEmptyDir() == null) {
        throw new AssertionError("the test maps only emptyDir volumes, not " + volume);
      }
      Quantity size = volume.getEmptyDir().getSizeLimit();
      options.add("--tmpfs=" + mount.getMountPath() + ":rw,exec,mode=1777"
          + (size == null ? "" : ",size=" + Quantity.getAmountInBytes(size).toBigInteger()));
    }
    return options;
  }

  List<String> args() {
    return container.getArgs();
  }

  /** The container port a probe or a Service names (by name or number). */
  int port(IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort).findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
  }

  int portNamed(String name) {
    return port(new IntOrString(name));
  }

  private String valueOf(EnvVar env) {
    if (env.getValue() != null) {
      return env.getValue();
    }
    if (env.getValueFrom() != null && env.getValueFrom().getFieldRef() != null
        && "metadata.namespace".equals(env.getValueFrom().getFieldRef().getFieldPath())) {
      return namespace;
    }
    throw new AssertionError("the test maps no such environment source: " + env);
  }
}
