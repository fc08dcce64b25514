package io.milvus.operator.migration.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildIdAllocatorTest {

  @Test
  void allocatesDownwardFromTheSmallestExistingId() { // upstream allocator_from_list_test
    BuildIdAllocator allocator = BuildIdAllocator.avoiding(List.of(100000L, 10000L, 1000L));
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(allocator.next());
    }
    assertThat(ids).allMatch(id -> id < 1000).doesNotHaveDuplicates();
    assertThat(ids.get(ids.size() - 1)).isEqualTo(900);
  }

  @Test
  void countsUpFromOneWhenNothingExists() {
    BuildIdAllocator allocator = BuildIdAllocator.avoiding(List.of());
    assertThat(List.of(allocator.next(), allocator.next(), allocator.next())).containsExactly(1L, 2L, 3L);
  }
}
