package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.decide.RunningMilvus;
import io.milvus.operator.render.Labels;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.Names;
import io.milvus.operator.render.RunningQueue;
import io.milvus.operator.status.DeploymentProgress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads from the informer caches what a running Milvus runs that its spec may not say. */
final class WalkInputs {

  private WalkInputs() {}

  static RunningMilvus running(Milvus milvus, Context<Milvus> context) {
    String name = milvus.getMetadata().getName();
    boolean separateCoordinators = Stream.of(MilvusComponent.ROOT_COORD, MilvusComponent.DATA_COORD,
            MilvusComponent.QUERY_COORD, MilvusComponent.INDEX_COORD)
        .anyMatch(c -> Secondaries.named(context, Deployment.class, Names.deployment(name, c)).isPresent());
    return new RunningMilvus(Secondaries.named(context, ConfigMap.class, name).flatMap(RunningQueue::of),
        separateCoordinators, deployedImages(context));
  }

  /**
   * The Milvus images of the component Deployments that run pods: an idle queryNode group (rolling mode 2) keeps an
   * earlier template without running it, so it says nothing of a hop in progress.
   */
  private static List<RunningMilvus.Deployed> deployedImages(Context<Milvus> context) {
    Map<String, MilvusComponent> components = Arrays.stream(MilvusComponent.values())
        .collect(Collectors.toMap(MilvusComponent::label, c -> c));
    List<RunningMilvus.Deployed> deployed = new ArrayList<>();
    for (Deployment d : Secondaries.all(context, Deployment.class)) {
      MilvusComponent component = d.getMetadata().getLabels() == null ? null
          : components.get(d.getMetadata().getLabels().get(Labels.COMPONENT));
      String image = component == null ? null : DeploymentProgress.templateImage(d);
      if (image != null && (d.getSpec() == null || !Integer.valueOf(0).equals(d.getSpec().getReplicas()))) {
        deployed.add(new RunningMilvus.Deployed(component, image));
      }
    }
    return deployed;
  }
}
