package io.milvus.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.List;
import java.util.Objects;

/**
 * Which updates of a primary resource need a reconcile: a new generation (spec), and changes of what the user says
 * in metadata (annotations such as {@code milvus.io/allow-unsafe-upgrade}, finalizers, deletion). Status writes,
 * ours included, are not among them. Replaces JOSDK's generation-only filter, which ignores annotations.
 */
public final class SpecOrAnnotationChange<R extends HasMetadata> implements OnUpdateFilter<R> {

  @Override
  public boolean accept(R updated, R old) {
    var now = updated.getMetadata();
    var before = old.getMetadata();
    return !Objects.equals(now.getGeneration(), before.getGeneration())
        || !Objects.equals(orEmpty(now.getAnnotations()), orEmpty(before.getAnnotations()))
        || !Objects.equals(orEmpty(now.getFinalizers()), orEmpty(before.getFinalizers()))
        || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp());
  }

  private static Object orEmpty(Object value) {
    return value == null ? List.of() : value;
  }
}
