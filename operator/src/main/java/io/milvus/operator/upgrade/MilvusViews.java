package io.milvus.operator.upgrade;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.milvus.operator.api.MilvusAnnotations;
import io.milvus.operator.api.MilvusVersion;
import io.milvus.operator.api.v1beta1.Component;
import io.milvus.operator.api.v1beta1.DeploymentGroup;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.api.v1beta1.MilvusReplicas;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.api.v1beta1.MilvusStatus;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.Names;
import io.milvus.operator.status.Conditions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Pure: a Milvus, its defaulted spec and its Deployments → the {@link MilvusView} an upgrade decides on. */
public final class MilvusViews {

  private MilvusViews() {}

  /**
   * @param defaulted the Milvus's spec with the operator's defaults applied
   * @param deployments the Deployments of the Milvus's components
   */
  public static MilvusView of(Milvus milvus, MilvusSpec defaulted, List<Deployment> deployments) {
    MilvusComponents components = defaulted.getComponents();
    MilvusReplicas replicas = new MilvusReplicas();
    Map<String, Map<String, Integer>> groups = new LinkedHashMap<>();
    List<String> autoscaled = new ArrayList<>();
    boolean zero = true;
    for (ComponentReplicas c : inUse(defaulted)) {
      Component spec = c.specIn(components);
      int n = spec == null || spec.getReplicas() == null ? 1 : spec.getReplicas();
      // -1: the count belongs to an autoscaler; what a stop records (and a start restores) is the live one
      c.recordIn(replicas, n < 0 ? liveReplicas(milvus, c, deployments) : n);
      zero &= n == 0;
      for (DeploymentGroup group : spec == null ? List.<DeploymentGroup>of() : ComponentReplicas.groupsOf(spec)) {
        int g = group.getReplicas() == null ? 1 : group.getReplicas();
        groups.computeIfAbsent(c.key(), k -> new LinkedHashMap<>()).put(group.getName(), g);
        zero &= g == 0;
        if (g < 0) {
          autoscaled.add(c.key() + " group " + group.getName());
        }
      }
    }
    MilvusStatus status = milvus.getStatus() == null ? new MilvusStatus() : milvus.getStatus();
    Optional<MilvusVersion> specVersion = MilvusVersion.of(components.getVersion(), components.getImage());
    Map<String, String> annotations = milvus.getMetadata().getAnnotations() == null ? Map.of()
        : milvus.getMetadata().getAnnotations();
    return new MilvusView(
        milvus.getMetadata().getNamespace(),
        milvus.getMetadata().getName(),
        components.getImage(),
        running(status).or(() -> specVersion).filter(v -> !v.equals(MilvusVersion.DEVELOPMENT)),
        specVersion.filter(v -> !v.equals(MilvusVersion.DEVELOPMENT)),
        replicas,
        groups,
        autoscaled,
        zero,
        stillRunning(deployments),
        Optional.ofNullable(annotations.get(MilvusEdits.STOPPED_AT)),
        annotations.containsKey(MilvusEdits.ALLOWED_BY),
        Conditions.find(status.getConditions(), Conditions.SPEC_VALID)
            .filter(c -> Conditions.FALSE.equals(c.getStatus())).map(c -> c.getMessage()),
        health(milvus, status),
        annotations.containsKey(MilvusAnnotations.AUTOSCALED_BEFORE_UPGRADE));
  }

  /** The replica count of the component's Deployment as it runs (the API server's default of 1 when unset). */
  private static int liveReplicas(Milvus milvus, ComponentReplicas c, List<Deployment> deployments) {
    return Optional.ofNullable(c.component()).map(component -> Names.deployment(milvus.getMetadata().getName(), component))
        .flatMap(name -> deployments.stream().filter(d -> name.equals(d.getMetadata().getName())).findFirst())
        .map(d -> d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas())
        .orElse(1);
  }

  /** The components whose replicas a stop records: those the spec runs, and cdc if the spec has it. */
  static List<ComponentReplicas> inUse(MilvusSpec defaulted) {
    List<ComponentReplicas> list = new ArrayList<>();
    for (MilvusComponent component : MilvusComponent.activeIn(defaulted)) {
      list.add(ComponentReplicas.of(component));
    }
    if (defaulted.getComponents().getCdc() != null) {
      list.add(ComponentReplicas.CDC);
    }
    return list;
  }

  /** The version reported as running, else the one of the image reported as running. */
  private static Optional<MilvusVersion> running(MilvusStatus status) {
    return MilvusVersion.parse(status.getCurrentVersion()).or(() -> MilvusVersion.fromImage(status.getCurrentImage()));
  }

  /** As upstream judges a stop: the controller has seen the scale to 0 and no pod is left. */
  private static List<String> stillRunning(List<Deployment> deployments) {
    List<String> running = new ArrayList<>();
    for (Deployment d : deployments) {
      Integer wanted = d.getSpec() == null ? null : d.getSpec().getReplicas();
      var status = d.getStatus();
      int pods = status == null || status.getReplicas() == null ? 0 : status.getReplicas();
      long observed = status == null || status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
      long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
      if (!Objects.equals(wanted, 0) || pods > 0 || observed < generation) {
        running.add(d.getMetadata().getName() + " (" + pods + " pods)");
      }
    }
    return running;
  }

  private static MilvusHealth health(Milvus milvus, MilvusStatus status) {
    boolean updated = Conditions.isTrue(status.getConditions(), Conditions.MILVUS_UPDATED);
    boolean current = Objects.equals(status.getObservedGeneration(), milvus.getMetadata().getGeneration());
    var path = status.getUpgradePath();
    String summary = path != null
        ? "walking to " + path.getTarget() + ", hop " + path.getHop() + ": " + path.getWaiting()
        : Conditions.find(status.getConditions(), Conditions.MILVUS_READY)
            .filter(c -> !Conditions.TRUE.equals(c.getStatus())).map(c -> c.getMessage()).orElse("");
    return new MilvusHealth(status.getStatus(), updated, status.getCurrentImage(), current, summary);
  }
}
