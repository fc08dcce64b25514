package io.milvus.operator.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import org.junit.jupiter.api.Test;

class WatchHistoryTest {

  private static AttributeSet key(String namespace, String name) {
    return new AttributeSet(new Attribute("namespace", namespace), new Attribute("name", name));
  }

  @Test
  void givesTheMatchingChangesAfterAVersionUpToAnother() {
    WatchHistory history = new WatchHistory(10);
    history.record(5, "a5", key("ns", "a"));
    history.record(6, "b6", key("ns", "b"));
    history.record(7, "a7", key("ns", "a"));
    history.record(8, "a8", key("other", "a"));
    assertThat(history.latest()).isEqualTo(8);
    assertThat(history.between(5, 8, new AttributeSet(new Attribute("namespace", "ns")))).containsExactly("b6", "a7");
    assertThat(history.between(4, 7, key("ns", "a"))).containsExactly("a5", "a7");
    assertThat(history.between(8, 8, new AttributeSet())).isEmpty();
  }

  @Test
  void aVersionOlderThanWhatIsKeptCannotBeResumed() {
    WatchHistory history = new WatchHistory(2);
    history.record(1, "1", key("ns", "a"));
    history.record(2, "2", key("ns", "a"));
    history.record(3, "3", key("ns", "a"));
    assertThat(history.between(0, 3, new AttributeSet())).isNull();
    assertThat(history.between(1, 3, new AttributeSet())).containsExactly("2", "3");
  }
}
