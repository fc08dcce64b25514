package io.milvus.operator.render;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels upstream puts on everything it makes; dashboards and scripts select by them. */
public final class Labels {

  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "milvus-operator";
  /** Pods that back the client Service {@code <cr>-milvus}. */
  public static final String SERVICE = "milvus.io/service";

  private Labels() {}

  /** Labels of every object of Milvus {@code cr}. */
  public static Map<String, String> instance(String cr) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "milvus");
    labels.put(INSTANCE, cr);
    labels.put(MANAGED_BY, MANAGER);
    return labels;
  }

  public static Map<String, String> component(String cr, String component) {
    Map<String, String> labels = instance(cr);
    labels.put(COMPONENT, component);
    return labels;
  }

  /**
   * The selector of a new component Deployment: upstream's (instance, name, managed-by, component), so that either
   * operator can take over the other's Deployments. Selectors are immutable: an existing Deployment keeps its own
   * (earlier releases of this operator made them without managed-by).
   */
  public static Map<String, String> deploymentSelector(String cr, String component) {
    return component(cr, component);
  }

  /** The immutable StatefulSet selector of in-cluster dependencies; also selects every pod of a component. */
  public static Map<String, String> selector(String cr, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "milvus");
    labels.put(INSTANCE, cr);
    labels.put(COMPONENT, component);
    return labels;
  }
}
