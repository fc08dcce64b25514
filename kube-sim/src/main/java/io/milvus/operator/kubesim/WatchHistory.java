package io.milvus.operator.kubesim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The store's recent changes, so that a watch from resourceVersion R gets every change after R, as from Kubernetes'
 * watch cache: kubectl and informers list, then watch from the list's version, and a change in between (say, the
 * operator removing its finalizer just after {@code kubectl delete} listed) must not be lost. Older changes are
 * forgotten: a watch from before them must list again (410 Gone). Not thread-safe: the store calls it under its
 * write lock.
 */
final class WatchHistory {

  /**
   * One change of one object: {@code before} is null for a creation, {@code after} null for a deletion (then
   * {@code before} carries the deletion's resourceVersion, as Kubernetes sends it).
   */
  record Change(long resourceVersion, StoredObject before, StoredObject after) {
    StoredObject latest() {
      return after != null ? after : before;
    }
  }

  private final int capacity;
  private final Deque<Change> changes = new ArrayDeque<>();
  /** The newest resourceVersion no longer kept: a watch from before it cannot be served (410 Gone). */
  private long forgottenUpTo;

  WatchHistory(int capacity) {
    this.capacity = capacity;
  }

  void record(Change change) {
    changes.addLast(change);
    while (changes.size() > capacity) {
      forgottenUpTo = changes.removeFirst().resourceVersion();
    }
  }

  /**
   * The changes after {@code from} that {@code relevant} keeps, oldest first; null when changes after {@code from}
   * have been forgotten (the client must list again).
   */
  List<Change> after(long from, Predicate<Change> relevant) {
    if (from < forgottenUpTo) {
      return null;
    }
    List<Change> found = new ArrayList<>();
    Iterator<Change> newestFirst = changes.descendingIterator();
    while (newestFirst.hasNext()) {
      Change change = newestFirst.next();
      if (change.resourceVersion() <= from) {
        break;
      }
      if (relevant.test(change)) {
        found.add(change);
      }
    }
    Collections.reverse(found);
    return found;
  }
}
