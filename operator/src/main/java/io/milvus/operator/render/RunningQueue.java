package io.milvus.operator.render;

import io.milvus.operator.api.Serialization;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.api.MessageQueue;
import java.util.Map;
import java.util.Optional;

/**
 * Pure: the message queue a running Milvus uses, read from the {@code user.yaml} of its ConfigMap (ours or upstream's
 * both set {@code mq.type}). A Milvus whose spec names no queue keeps this one: the default queue of a release line
 * (rocksmq below 2.6, woodpecker from 2.6 for a standalone) applies to new Milvus only, so an upgrade never moves the
 * messages of a running one to another queue.
 */
public final class RunningQueue {

  private static final KubernetesSerialization YAML = Serialization.KUBERNETES;

  private RunningQueue() {}

  public static Optional<String> of(ConfigMap config) {
    String userYaml = config == null || config.getData() == null ? null
        : config.getData().get(MilvusRenderer.USER_YAML);
    if (userYaml == null || userYaml.isBlank()) {
      return Optional.empty();
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = YAML.unmarshal(userYaml, Map.class);
      Object type = parsed == null ? null : ConfigMaps.get(ConfigMaps.asStringMap(parsed), "mq.type");
      return Optional.ofNullable(type).map(Object::toString).filter(t -> MessageQueue.of(t).isPresent());
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // a ConfigMap edited into something unreadable tells nothing; it is rewritten anyway
    }
  }
}
