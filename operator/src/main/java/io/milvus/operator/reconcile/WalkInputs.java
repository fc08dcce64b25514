package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.decide.RunningMilvus;
import io.milvus.operator.render.MilvusComponent;
import io.milvus.operator.render.Names;
import io.milvus.operator.render.RunningQueue;
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
        separateCoordinators);
  }
}
