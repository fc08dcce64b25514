package io.milvus.operator.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.milvus.operator.render.ComponentDeployment;
import io.milvus.operator.render.Labels;
import io.milvus.operator.render.PodRevision;
import java.util.Optional;

/** Reads a Deployment's status the way {@code kubectl rollout status} does. */
public final class DeploymentProgress {

  public static final String NEW_REPLICA_SET_AVAILABLE = "NewReplicaSetAvailable";
  public static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

  private DeploymentProgress() {}

  public static int desiredReplicas(Deployment d) {
    return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
  }

  /** The controller has seen the latest spec, every pod runs it, and no old pod is left. */
  public static boolean isComplete(Deployment d) {
    DeploymentStatus s = d.getStatus();
    if (s == null || s.getObservedGeneration() == null || s.getObservedGeneration() < d.getMetadata().getGeneration()) {
      return false;
    }
    int desired = desiredReplicas(d);
    boolean allUpdated = value(s.getUpdatedReplicas()) == desired && value(s.getReplicas()) == desired
        && value(s.getAvailableReplicas()) == desired;
    return allUpdated && progressing(d).map(c -> NEW_REPLICA_SET_AVAILABLE.equals(c.getReason())).orElse(false);
  }

  public static boolean isAvailable(Deployment d) {
    DeploymentStatus s = d.getStatus();
    int desired = desiredReplicas(d);
    return s != null && value(s.getAvailableReplicas()) >= desired && (desired == 0 || value(s.getReadyReplicas()) > 0);
  }

  public static boolean deadlineExceeded(Deployment d) {
    return progressing(d).map(c -> PROGRESS_DEADLINE_EXCEEDED.equals(c.getReason())).orElse(false);
  }

  /**
   * Why the Deployment's pods cannot be created (its ReplicaFailure condition, e.g. a ServiceAccount that does not
   * exist), or empty.
   */
  public static Optional<String> replicaFailure(Deployment d) {
    if (d.getStatus() == null || d.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return d.getStatus().getConditions().stream()
        .filter(c -> "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus()))
        .map(DeploymentCondition::getMessage).findFirst();
  }

  public static int ready(Deployment d) {
    return d.getStatus() == null ? 0 : value(d.getStatus().getReadyReplicas());
  }

  /**
   * What the Deployment's pods run: the Milvus container's image, the config checksum on the template, and the spec
   * revision and Secrets' digest recorded on the Deployment (absent on a Deployment this operator has not rendered or
   * adopted yet).
   */
  public static PodRevision revision(Deployment d) {
    var annotations = d.getSpec().getTemplate().getMetadata() == null ? null
        : d.getSpec().getTemplate().getMetadata().getAnnotations();
    var own = d.getMetadata().getAnnotations();
    return new PodRevision(templateImage(d),
        annotations == null ? null : annotations.get(ComponentDeployment.CONFIG_CHECKSUM),
        own == null ? null : own.get(ComponentDeployment.SPEC_REVISION),
        own == null ? null : own.get(ComponentDeployment.SECRETS_CHECKSUM));
  }

  /**
   * The image of the Milvus container in the Deployment's pod template: ours is named {@value
   * ComponentDeployment#CONTAINER}, upstream's after the component (the Deployment's component label).
   */
  public static String templateImage(Deployment d) {
    var labels = d.getMetadata().getLabels();
    String component = labels == null ? null : labels.get(Labels.COMPONENT);
    var containers = d.getSpec().getTemplate().getSpec().getContainers();
    return containers.stream().filter(c -> ComponentDeployment.CONTAINER.equals(c.getName())).findFirst()
        .or(() -> containers.stream().filter(c -> c.getName().equals(component)).findFirst())
        .map(Container::getImage)
        .orElse(null);
  }

  private static Optional<DeploymentCondition> progressing(Deployment d) {
    if (d.getStatus() == null || d.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return d.getStatus().getConditions().stream().filter(c -> "Progressing".equals(c.getType())).findFirst();
  }

  private static int value(Integer i) {
    return i == null ? 0 : i;
  }
}
