package io.milvus.operator.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchHistoryTest {

  private static final ObjectStore.Kind CONFIG_MAPS = new ObjectStore.Kind("", "configmaps");

  private static WatchHistory.Change change(long version, String namespace, String name) {
    StoredObject object = StoredObject.of(CONFIG_MAPS, namespace, name, version, JsonNodeFactory.instance.objectNode());
    return new WatchHistory.Change(version, null, object);
  }

  private static List<Long> versions(List<WatchHistory.Change> changes) {
    return changes.stream().map(WatchHistory.Change::resourceVersion).toList();
  }

  @Test
  void givesTheRelevantChangesAfterAVersionOldestFirst() {
    WatchHistory history = new WatchHistory(10);
    history.record(change(5, "ns", "a"));
    history.record(change(6, "ns", "b"));
    history.record(change(7, "ns", "a"));
    history.record(change(8, "other", "a"));
    assertThat(versions(history.after(5, c -> c.latest().namespace().equals("ns")))).containsExactly(6L, 7L);
    assertThat(versions(history.after(4, c -> c.latest().name().equals("a")))).containsExactly(5L, 7L, 8L);
    assertThat(history.after(8, c -> true)).isEmpty();
  }

  @Test
  void aVersionOlderThanWhatIsKeptCannotBeResumed() {
    WatchHistory history = new WatchHistory(2);
    history.record(change(1, "ns", "a"));
    history.record(change(2, "ns", "a"));
    history.record(change(3, "ns", "a"));
    assertThat(history.after(0, c -> true)).isNull();
    assertThat(versions(history.after(1, c -> true))).containsExactly(2L, 3L);
  }
}
