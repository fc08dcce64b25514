package io.milvus.operator.decide;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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

  /**
   * These objects and one found by name outside the caches (unlabelled: a user's object of the name the operator
   * would give its own), so the decision sees it.
   */
  public CachedObjects with(Optional<? extends HasMetadata> found) {
    List<HasMetadata> objects = new ArrayList<>();
    byType.values().forEach(named -> objects.addAll(named.values()));
    found.ifPresent(objects::add);
    return new CachedObjects(objects);
  }

  public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return Optional.ofNullable(byType.getOrDefault(type, Map.of()).get(name)).map(type::cast);
  }

  /** Every cached object of a type. */
  public <T extends HasMetadata> List<T> all(Class<T> type) {
    return byType.getOrDefault(type, Map.of()).values().stream().map(type::cast).toList();
  }

  /** The cached object of the same type and name as {@code desired}. */
  @SuppressWarnings("unchecked")
  public <T extends HasMetadata> Optional<T> find(T desired) {
    return find((Class<T>) desired.getClass(), desired.getMetadata().getName());
  }
}
