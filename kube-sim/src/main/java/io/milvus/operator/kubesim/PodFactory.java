package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a pod from a controller's template, already scheduled on the node (there is only one). */
final class PodFactory {

  private static final KubernetesSerialization SERIALIZATION = Serialization.KUBERNETES;

  private PodFactory() {
  }

  static Pod fromTemplate(PodTemplateSpec template, String name, HasMetadata owner, Map<String, String> extraLabels,
                          String nodeName) {
    ObjectMeta templateMeta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
    Map<String, String> labels = new LinkedHashMap<>();
    if (templateMeta.getLabels() != null) {
      labels.putAll(templateMeta.getLabels());
    }
    labels.putAll(extraLabels);
    Map<String, String> annotations = templateMeta.getAnnotations() == null
        ? null : new LinkedHashMap<>(templateMeta.getAnnotations());
    PodSpec spec = template.getSpec() == null ? new PodSpec() : SERIALIZATION.clone(template.getSpec());
    if (spec.getNodeName() == null) {
      spec.setNodeName(nodeName);
    }
    return new PodBuilder()
        .withMetadata(new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(owner.getMetadata().getNamespace())
            .withLabels(labels)
            .withAnnotations(annotations)
            .withOwnerReferences(Owners.controllerRef(owner))
            .build())
        .withSpec(spec)
        .build();
  }

  static <T> T clone(T object) {
    return SERIALIZATION.clone(object);
  }
}
