package io.milvus.operator.migration.meta;

import java.util.Collection;

/**
 * Hands out build IDs that cannot clash with existing ones: downward from the smallest existing ID, or 1, 2, ...
 * when there is none (upstream's rule).
 */
public final class BuildIdAllocator {
  private long next;
  private final long step;

  private BuildIdAllocator(long first, long step) {
    this.next = first;
    this.step = step;
  }

  public static BuildIdAllocator avoiding(Collection<Long> existing) {
    return existing.isEmpty()
        ? new BuildIdAllocator(1, 1)
        : new BuildIdAllocator(existing.stream().mapToLong(Long::longValue).min().orElseThrow() - 1, -1);
  }

  public long next() {
    long id = next;
    next += step;
    return id;
  }
}
