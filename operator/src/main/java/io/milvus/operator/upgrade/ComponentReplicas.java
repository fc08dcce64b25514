package io.milvus.operator.upgrade;

import io.milvus.operator.api.v1beta1.Component;
import io.milvus.operator.api.v1beta1.DeploymentGroup;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import io.milvus.operator.api.v1beta1.MilvusReplicas;
import io.milvus.operator.api.v1beta1.ProxyComponent;
import io.milvus.operator.api.v1beta1.ServiceComponent;
import io.milvus.operator.api.v1beta1.WorkerComponent;
import io.milvus.operator.render.MilvusComponent;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Each component whose replicas an upgrade records, stops and restores: where it lives in the Milvus spec and under
 * which key of {@code status.replicasBeforeUprade}.
 */
enum ComponentReplicas {
  STANDALONE("standalone", MilvusComponent.STANDALONE, MilvusComponents::getStandalone,
      (c, x) -> c.setStandalone((ServiceComponent) x), ServiceComponent::new,
      MilvusReplicas::getStandalone, MilvusReplicas::setStandalone),
  PROXY("proxy", MilvusComponent.PROXY, MilvusComponents::getProxy,
      (c, x) -> c.setProxy((ProxyComponent) x), ProxyComponent::new, MilvusReplicas::getProxy, MilvusReplicas::setProxy),
  MIX_COORD("mixCoord", MilvusComponent.MIX_COORD, MilvusComponents::getMixCoord, MilvusComponents::setMixCoord,
      Component::new, MilvusReplicas::getMixCoord, MilvusReplicas::setMixCoord),
  ROOT_COORD("rootCoord", MilvusComponent.ROOT_COORD, MilvusComponents::getRootCoord, MilvusComponents::setRootCoord,
      Component::new, MilvusReplicas::getRootCoord, MilvusReplicas::setRootCoord),
  DATA_COORD("dataCoord", MilvusComponent.DATA_COORD, MilvusComponents::getDataCoord, MilvusComponents::setDataCoord,
      Component::new, MilvusReplicas::getDataCoord, MilvusReplicas::setDataCoord),
  INDEX_COORD("indexCoord", MilvusComponent.INDEX_COORD, MilvusComponents::getIndexCoord,
      MilvusComponents::setIndexCoord, Component::new, MilvusReplicas::getIndexCoord, MilvusReplicas::setIndexCoord),
  QUERY_COORD("queryCoord", MilvusComponent.QUERY_COORD, MilvusComponents::getQueryCoord,
      MilvusComponents::setQueryCoord, Component::new, MilvusReplicas::getQueryCoord, MilvusReplicas::setQueryCoord),
  DATA_NODE("dataNode", MilvusComponent.DATA_NODE, MilvusComponents::getDataNode,
      (c, x) -> c.setDataNode((WorkerComponent) x), WorkerComponent::new,
      MilvusReplicas::getDataNode, MilvusReplicas::setDataNode),
  INDEX_NODE("indexNode", MilvusComponent.INDEX_NODE, MilvusComponents::getIndexNode,
      (c, x) -> c.setIndexNode((WorkerComponent) x), WorkerComponent::new,
      MilvusReplicas::getIndexNode, MilvusReplicas::setIndexNode),
  QUERY_NODE("queryNode", MilvusComponent.QUERY_NODE, MilvusComponents::getQueryNode,
      (c, x) -> c.setQueryNode((WorkerComponent) x), WorkerComponent::new,
      MilvusReplicas::getQueryNode, MilvusReplicas::setQueryNode),
  STREAMING_NODE("streamingNode", MilvusComponent.STREAMING_NODE, MilvusComponents::getStreamingNode,
      (c, x) -> c.setStreamingNode((WorkerComponent) x), WorkerComponent::new,
      MilvusReplicas::getStreamingNode, MilvusReplicas::setStreamingNode),
  /** Not run by this operator yet, but recorded and stopped like the others when the spec has it. */
  CDC("cdc", null, MilvusComponents::getCdc, MilvusComponents::setCdc, Component::new,
      MilvusReplicas::getCdc, MilvusReplicas::setCdc);

  private final String key;
  private final MilvusComponent component;
  private final Function<MilvusComponents, ? extends Component> specOf;
  private final BiConsumer<MilvusComponents, Component> setSpec;
  private final Supplier<? extends Component> newSpec;
  private final Function<MilvusReplicas, Integer> recorded;
  private final BiConsumer<MilvusReplicas, Integer> record;

  ComponentReplicas(String key, MilvusComponent component, Function<MilvusComponents, ? extends Component> specOf,
      BiConsumer<MilvusComponents, Component> setSpec, Supplier<? extends Component> newSpec,
      Function<MilvusReplicas, Integer> recorded, BiConsumer<MilvusReplicas, Integer> record) {
    this.key = key;
    this.component = component;
    this.specOf = specOf;
    this.setSpec = setSpec;
    this.newSpec = newSpec;
    this.recorded = recorded;
    this.record = record;
  }

  /** The key in {@code replicasBeforeUprade} and {@code deploymentGroupReplicasBeforeUpgrade}. */
  String key() {
    return key;
  }

  /** The component this operator deploys, or null for one it does not run (cdc). */
  MilvusComponent component() {
    return component;
  }

  Component specIn(MilvusComponents components) {
    return specOf.apply(components);
  }

  /** The component's spec, created empty when the user's spec leaves it to the defaults. */
  Component specCreatedIn(MilvusComponents components) {
    Component spec = specOf.apply(components);
    if (spec == null) {
      spec = newSpec.get();
      setSpec.accept(components, spec);
    }
    return spec;
  }

  Integer recordedIn(MilvusReplicas replicas) {
    return replicas == null ? null : recorded.apply(replicas);
  }

  void recordIn(MilvusReplicas replicas, Integer value) {
    record.accept(replicas, value);
  }

  /** The deployment groups of the component, if it has any. */
  static List<DeploymentGroup> groupsOf(Component spec) {
    if (spec instanceof WorkerComponent worker && worker.getGroups() != null) {
      return worker.getGroups();
    }
    if (spec instanceof ProxyComponent proxy && proxy.getGroups() != null) {
      return proxy.getGroups();
    }
    return List.of();
  }

  static ComponentReplicas of(MilvusComponent component) {
    for (ComponentReplicas c : values()) {
      if (c.component == component) {
        return c;
      }
    }
    throw new IllegalArgumentException("no replica record for " + component);
  }
}
