package io.milvus.operator.decide;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The objects the operator labelled for one Milvus, as its informer caches hold them, found by type and name. */
public final class CachedObjects {

  private final Map<Class<?>, Map<String, HasMetadata>> byType = new HashMap<>();

  private CachedObjects(Collection<? extends HasMetadata> objects) {
    for (HasMetadata object : objects) {
      byType.computeIfAbsent(object.getClass(), t -> new HashMap<>()).put(object.getMetadata().getName(), object);
    }
  }

  public static CachedObjects of(Collection<? extends HasMetadata> objects) {
    return new CachedObjects(objects);
  }

  public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return Optional.ofNullable(byType.getOrDefault(type, Map.of()).get(name)).map(type::cast);
  }

  /** The cached object of the same type and name as {@code desired}. */
  @SuppressWarnings("unchecked")
  public <T extends HasMetadata> Optional<T> find(T desired) {
    return find((Class<T>) desired.getClass(), desired.getMetadata().getName());
  }
}
