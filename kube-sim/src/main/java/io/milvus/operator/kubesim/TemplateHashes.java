package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each workload's {@link TemplateHash}, computed again only when its generation changes: the API server bumps the
 * generation on every change of the spec, the template included, while a controller reconciles a workload on every
 * change of its pods (a hash is a serialization of the template).
 */
final class TemplateHashes {

  private record Known(long generation, String hash) {
  }

  private final Map<String, Known> byUid = new ConcurrentHashMap<>();

  String of(HasMetadata workload, PodTemplateSpec template) {
    String uid = workload.getMetadata().getUid();
    Long generation = workload.getMetadata().getGeneration();
    if (uid == null || generation == null) {
      return TemplateHash.of(template);
    }
    Known known = byUid.get(uid);
    if (known != null && known.generation() == generation) {
      return known.hash();
    }
    String hash = TemplateHash.of(template);
    byUid.put(uid, new Known(generation, hash));
    return hash;
  }

  /** The workload is gone. */
  void forget(String uid) {
    byUid.remove(uid);
  }
}
