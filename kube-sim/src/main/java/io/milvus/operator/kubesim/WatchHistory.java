package io.milvus.operator.kubesim;

import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The store's recent changes, as watch events with their resourceVersion, so that a watch from resourceVersion R
 * gets every change after R, as from Kubernetes' watch cache. The mock only sends what happens after the watch
 * opens: kubectl lists, then watches from the list's version, and a change in between (say, the operator removing
 * its finalizer just after {@code kubectl delete} listed) was lost, leaving {@code kubectl delete} waiting forever.
 */
final class WatchHistory {

  /** One change: its watch event as JSON, and the store key the watch queries are matched against. */
  private record Change(long resourceVersion, String event, AttributeSet key) {
  }

  private final int capacity;
  private final Deque<Change> changes = new ArrayDeque<>();
  /** The newest resourceVersion no longer kept: a watch from before it cannot be served (410 Gone). */
  private long forgottenUpTo;

  WatchHistory(int capacity) {
    this.capacity = capacity;
  }

  synchronized void record(long resourceVersion, String event, AttributeSet key) {
    changes.addLast(new Change(resourceVersion, event, key));
    while (changes.size() > capacity) {
      forgottenUpTo = changes.removeFirst().resourceVersion();
    }
  }

  /** The resourceVersion of the latest change kept, 0 if none. */
  synchronized long latest() {
    return changes.isEmpty() ? forgottenUpTo : changes.getLast().resourceVersion();
  }

  /**
   * The events of the changes after {@code from} up to {@code to} that match {@code query}, oldest first; null when
   * changes after {@code from} have been forgotten (the client must list again).
   */
  synchronized List<String> between(long from, long to, AttributeSet query) {
    if (from < forgottenUpTo) {
      return null;
    }
    List<String> events = new ArrayList<>();
    for (Change change : changes) {
      if (change.resourceVersion() > from && change.resourceVersion() <= to && change.key().matches(query)) {
        events.add(change.event());
      }
    }
    return events;
  }
}
