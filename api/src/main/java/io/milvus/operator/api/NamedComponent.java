package io.milvus.operator.api;

import io.milvus.operator.api.v1beta1.Component;
import io.milvus.operator.api.v1beta1.MilvusComponents;
import java.util.ArrayList;
import java.util.List;

/**
 * A component of a Milvus with its name under {@code spec.components}.
 *
 * @param name the JSON name, e.g. {@code queryNode}
 * @param component its spec
 */
public record NamedComponent(String name, Component component) {

  /** The components the spec sets, in upstream's field order; the shared settings are not a component. */
  public static List<NamedComponent> present(MilvusComponents components) {
    List<NamedComponent> present = new ArrayList<>();
    if (components == null) {
      return present;
    }
    addIfSet(present, "standalone", components.getStandalone());
    addIfSet(present, "proxy", components.getProxy());
    addIfSet(present, "mixCoord", components.getMixCoord());
    addIfSet(present, "rootCoord", components.getRootCoord());
    addIfSet(present, "dataCoord", components.getDataCoord());
    addIfSet(present, "queryCoord", components.getQueryCoord());
    addIfSet(present, "indexCoord", components.getIndexCoord());
    addIfSet(present, "dataNode", components.getDataNode());
    addIfSet(present, "queryNode", components.getQueryNode());
    addIfSet(present, "indexNode", components.getIndexNode());
    addIfSet(present, "streamingNode", components.getStreamingNode());
    addIfSet(present, "cdc", components.getCdc());
    return present;
  }

  private static void addIfSet(List<NamedComponent> present, String name, Component component) {
    if (component != null) {
      present.add(new NamedComponent(name, component));
    }
  }
}
