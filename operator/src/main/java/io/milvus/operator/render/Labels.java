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

  /** The immutable Deployment/StatefulSet selector: no managed-by, so a swap of operators keeps selecting the pods. */
  public static Map<String, String> selector(String cr, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, "milvus");
    labels.put(INSTANCE, cr);
    labels.put(COMPONENT, component);
    return labels;
  }
}
