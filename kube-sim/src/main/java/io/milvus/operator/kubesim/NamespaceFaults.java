package io.milvus.operator.kubesim;

import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Failures a sandbox user scripts with kubectl, by annotating a Namespace: pods in it whose container image is named
 * never become ready, crash in a loop, or cannot be pulled. Removing the annotation (or the image from it) lets the
 * pods recover at once, as fixing a real image would. An entry ending in {@code *} names every image it prefixes.
 *
 * <pre>kubectl annotate namespace default kubesim.milvus.io/crashing-images=milvusdb/milvus:v2.5.26</pre>
 */
public final class NamespaceFaults {

  public static final String NEVER_READY = "kubesim.milvus.io/never-ready-images";
  public static final String CRASHING = "kubesim.milvus.io/crashing-images";
  public static final String UNPULLABLE = "kubesim.milvus.io/unpullable-images";

  private NamespaceFaults() {}

  /** The failure the Namespace scripts for {@code image}, if any (crashing wins over unpullable over never ready). */
  static Optional<PodBehaviour> behaviour(Namespace namespace, String image) {
    Map<String, String> annotations = namespace == null ? null : namespace.getMetadata().getAnnotations();
    if (annotations == null || image == null) {
      return Optional.empty();
    }
    if (names(annotations.get(CRASHING), image)) {
      return Optional.of(PodBehaviour.crashLoop(Duration.ofSeconds(2)));
    }
    if (names(annotations.get(UNPULLABLE), image)) {
      return Optional.of(PodBehaviour.imagePullFailure());
    }
    if (names(annotations.get(NEVER_READY), image)) {
      return Optional.of(PodBehaviour.neverReady());
    }
    return Optional.empty();
  }

  private static boolean names(String list, String image) {
    return list != null && Arrays.stream(list.split(",")).map(String::trim).filter(e -> !e.isEmpty())
        .anyMatch(e -> e.endsWith("*") ? image.startsWith(e.substring(0, e.length() - 1)) : image.equals(e));
  }
}
