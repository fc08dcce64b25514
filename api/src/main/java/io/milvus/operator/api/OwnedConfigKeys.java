package io.milvus.operator.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * milvus.yaml keys the operator writes itself after merging {@code spec.config}: a value the user puts there
 * would be silently replaced, so it is reported with the spec field that sets it.
 */
final class OwnedConfigKeys {

  /**
   * @param key the dotted milvus.yaml key, compared case-insensitively as Milvus does
   * @param specField where the user sets it instead
   */
  record OwnedKey(String key, String specField) {}

  static final List<OwnedKey> TABLE = List.of(
      new OwnedKey("etcd.endpoints", "spec.dependencies.etcd.endpoints"),
      new OwnedKey("minio.address", "spec.dependencies.storage.endpoint"),
      new OwnedKey("minio.port", "spec.dependencies.storage.endpoint"),
      new OwnedKey("pulsar.address", "spec.dependencies.pulsar.endpoint"),
      new OwnedKey("pulsar.port", "spec.dependencies.pulsar.endpoint"),
      new OwnedKey("kafka.brokerList", "spec.dependencies.kafka.brokerList"),
      new OwnedKey("mq.type", "spec.dependencies.msgStreamType"),
      new OwnedKey("messageQueue", "spec.dependencies.msgStreamType"),
      new OwnedKey("woodpecker.client.quorum.quorumBufferPools", "spec.dependencies.woodpecker.quorumBufferPools"));

  private static final String PATH = "spec.config";

  private OwnedConfigKeys() {}

  static void check(Problems problems, Map<String, Object> config) {
    if (config == null) {
      return;
    }
    for (String written : dottedKeys("", config)) {
      for (OwnedKey owned : TABLE) {
        if (Problems.lower(written).equals(Problems.lower(owned.key()))) {
          problems.add(PATH + "." + written, "config." + written + " is set by the operator and would be overwritten:"
              + " use " + owned.specField() + " instead");
        }
      }
    }
  }

  /** Every key path in the tree, nested ({@code etcd: {endpoints: ...}}) or dotted ({@code etcd.endpoints: ...}). */
  private static List<String> dottedKeys(String prefix, Map<?, ?> tree) {
    List<String> keys = new ArrayList<>();
    tree.forEach((key, value) -> {
      String path = prefix + key;
      keys.add(path);
      if (value instanceof Map<?, ?> child) {
        keys.addAll(dottedKeys(path + ".", child));
      }
    });
    return keys;
  }
}
