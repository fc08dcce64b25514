package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-sim's object store: every object by kind, namespace and name (sorted, as etcd's keys list them), with an
 * index by label, a cluster-wide resourceVersion, the recent changes ({@link WatchHistory}) and the open watches.
 *
 * <p>Reads take no lock: the maps are concurrent and a stored version is never changed. Writes run one at a time
 * under a short lock (the caller computes the new object from the current one inside {@link #write}); each change
 * gets the next resourceVersion and reaches the watches in that order. A list's resourceVersion is read before the
 * objects, so a watch from it replays whatever the list may have missed.
 */
final class ObjectStore {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);

  /** A kind of object, as its URL names it: group ("" for core) and plural resource. */
  record Kind(String group, String resource) {
  }

  /** One page of a list: the store's version when it was read, the objects, the key to continue after (or null). */
  record Page(long resourceVersion, List<StoredObject> items, ObjectId last) {
  }

  /** An object's place within its kind; namespace "" for cluster-scoped objects. */
  record ObjectId(String namespace, String name) implements Comparable<ObjectId> {
    @Override
    public int compareTo(ObjectId other) {
      int byNamespace = namespace.compareTo(other.namespace);
      return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
    }
  }

  /** What a list or a watch selects: a kind, optionally one namespace and one name, labels and fields. */
  record Query(Kind kind, String namespace, String name, LabelSelector labels, FieldSelector fields) {
    boolean matches(StoredObject object) {
      return object.kind().equals(kind) && matchesWithinKind(object);
    }

    /** {@link #matches} for an object known to be of this kind (read from its kind's table). */
    boolean matchesWithinKind(StoredObject object) {
      return (namespace == null || namespace.equals(object.namespace()))
          && (name == null || name.equals(object.name()))
          && labels.matches(object.labels())
          && (fields == null || fields.matches(object.object()));
    }
  }

  /** Where a watch's events go: type (ADDED, MODIFIED, DELETED) and the object's version. */
  @FunctionalInterface
  interface WatchSink {
    void send(String type, StoredObject object);
  }

  /** An open watch; {@link #cancel} stops its events. */
  final class Watch {
    private final Query query;
    private final WatchSink sink;

    private Watch(Query query, WatchSink sink) {
      this.query = query;
      this.sink = sink;
    }

    void cancel() {
      watches.remove(this);
    }

    private void deliver(WatchHistory.Change change) {
      boolean matchedBefore = change.before() != null && query.matches(change.before());
      boolean matchesAfter = change.after() != null && query.matches(change.after());
      if (matchedBefore && matchesAfter) {
        sink.send("MODIFIED", change.after());
      } else if (matchedBefore) {
        sink.send("DELETED", change.latest()); // deleted, or no longer selected
      } else if (matchesAfter) {
        sink.send("ADDED", change.after());
      }
    }

    private boolean concerns(WatchHistory.Change change) {
      return change.before() != null && query.matches(change.before())
          || change.after() != null && query.matches(change.after());
    }
  }

  /** The objects of one kind, by namespace then name, and by label. */
  private static final class KindTable {
    final ConcurrentSkipListMap<String, ConcurrentSkipListMap<String, StoredObject>> byNamespace =
        new ConcurrentSkipListMap<>();
    final Map<String, NavigableSet<ObjectId>> byLabel = new ConcurrentHashMap<>();
    /** How many objects each label and each namespace has (a skip list counts by walking): to pick the fewest. */
    final Map<String, AtomicInteger> labelSizes = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> namespaceSizes = new ConcurrentHashMap<>();
    volatile long lastChange;

    static int size(Map<String, AtomicInteger> sizes, String key) {
      AtomicInteger size = sizes.get(key);
      return size == null ? 0 : size.get();
    }

    private static void count(Map<String, AtomicInteger> sizes, String key, int delta) {
      sizes.computeIfAbsent(key, k -> new AtomicInteger()).addAndGet(delta);
    }

    StoredObject get(String namespace, String name) {
      Map<String, StoredObject> names = byNamespace.get(namespace);
      return names == null ? null : names.get(name);
    }

    /**
     * Stores or (with {@code after} null) removes; callers hold the write lock. Only the labels that change move in
     * the label index: most writes (a status, a pod's phase) keep every label.
     */
    void put(StoredObject before, StoredObject after, String namespace, String name) {
      ObjectId id = new ObjectId(namespace, name);
      Map<String, String> kept = after == null ? Map.of() : after.labels();
      if (before != null) {
        before.labels().forEach((k, v) -> {
          NavigableSet<ObjectId> ids = v.equals(kept.get(k)) ? null : byLabel.get(k + "=" + v);
          if (ids != null && ids.remove(id)) {
            count(labelSizes, k + "=" + v, -1);
          }
        });
      }
      Map<String, String> had = before == null ? Map.of() : before.labels();
      if (after == null) {
        ConcurrentSkipListMap<String, StoredObject> names = byNamespace.get(namespace);
        if (names != null && names.remove(name) != null) {
          count(namespaceSizes, namespace, -1);
        }
        return;
      }
      after.labels().forEach((k, v) -> {
        if (!v.equals(had.get(k)) && byLabel.computeIfAbsent(k + "=" + v, key -> new ConcurrentSkipListSet<>()).add(id)) {
          count(labelSizes, k + "=" + v, 1);
        }
      });
      if (byNamespace.computeIfAbsent(namespace, ns -> new ConcurrentSkipListMap<>()).put(name, after) == null) {
        count(namespaceSizes, namespace, 1);
      }
    }
  }

  private final Map<Kind, KindTable> tables = new ConcurrentHashMap<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final WatchHistory history;
  private final List<Watch> watches = new CopyOnWriteArrayList<>();
  /** The last resourceVersion given out; written under the lock. */
  private long lastVersion;
  /** The last resourceVersion whose change is in the maps. */
  private volatile long committed;

  ObjectStore(int historyCapacity) {
    this.history = new WatchHistory(historyCapacity);
  }

  Optional<StoredObject> get(Kind kind, String namespace, String name) {
    KindTable table = tables.get(kind);
    return Optional.ofNullable(table == null ? null : table.get(namespace, name));
  }

  /** The resourceVersion of the last change to objects of this kind, 0 if none (e.g. to cache what depends on them). */
  long lastChange(Kind kind) {
    KindTable table = tables.get(kind);
    return table == null ? 0 : table.lastChange;
  }

  /** The store's current resourceVersion. */
  long resourceVersion() {
    return committed;
  }

  /**
   * The objects {@code query} selects, in namespace then name order, starting after {@code after} (null: from the
   * start), at most {@code limit} of them (0: all).
   */
  Page list(Query query, ObjectId after, int limit) {
    long version = committed;
    KindTable table = tables.get(query.kind());
    List<StoredObject> items = new ArrayList<>();
    if (table == null) {
      return new Page(version, items, null);
    }
    Iterable<StoredObject> candidates = candidates(table, query, after);
    ObjectId last = null;
    for (StoredObject object : candidates) {
      if (object == null || !query.matchesWithinKind(object)) {
        continue;
      }
      if (limit > 0 && items.size() == limit) {
        return new Page(version, items, last);
      }
      items.add(object);
      last = new ObjectId(object.namespace(), object.name());
    }
    return new Page(version, items, null);
  }

  /**
   * What a list must look at: one name, the objects with the selected label that fewest objects have (in one
   * namespace or all) when they are fewer than the namespace's, one namespace, or all; in namespace then name order.
   */
  private static Iterable<StoredObject> candidates(KindTable table, Query query, ObjectId after) {
    if (query.namespace() != null && query.name() != null) {
      return java.util.Collections.singletonList(table.get(query.namespace(), query.name()));
    }
    Optional<String> label = query.labels().equalities().stream()
        .min(java.util.Comparator.comparingInt(l -> KindTable.size(table.labelSizes, l)));
    if (label.isPresent() && (query.namespace() == null
        || KindTable.size(table.labelSizes, label.get()) < KindTable.size(table.namespaceSizes, query.namespace()))) {
      NavigableSet<ObjectId> ids = table.byLabel.getOrDefault(label.get(), java.util.Collections.emptyNavigableSet());
      if (query.namespace() != null) { // every name sorts below U+FFFF: that id ends the namespace
        ids = ids.subSet(new ObjectId(query.namespace(), ""), true, new ObjectId(query.namespace(), "\uffff"), true);
      }
      if (after != null) {
        ids = ids.tailSet(after, false);
      }
      NavigableSet<ObjectId> selected = ids;
      return () -> selected.stream().map(id -> table.get(id.namespace(), id.name())).iterator();
    }
    NavigableMap<String, ConcurrentSkipListMap<String, StoredObject>> namespaces = table.byNamespace;
    if (query.namespace() != null) {
      ConcurrentSkipListMap<String, StoredObject> names = namespaces.get(query.namespace());
      namespaces = names == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(Map.of(query.namespace(), names));
    }
    if (after != null) {
      namespaces = namespaces.tailMap(after.namespace(), true);
    }
    NavigableMap<String, ConcurrentSkipListMap<String, StoredObject>> selectedNamespaces = namespaces;
    return () -> selectedNamespaces.entrySet().stream().flatMap(e -> {
      NavigableMap<String, StoredObject> names = e.getValue();
      if (after != null && after.namespace().equals(e.getKey())) {
        names = names.tailMap(after.name(), false);
      }
      return names.values().stream();
    }).iterator();
  }

  /** Runs a write (reads of the current objects, then {@link #put} or {@link #remove}) with no other write between. */
  <T> T write(Supplier<T> write) {
    writeLock.lock();
    try {
      return write.get();
    } finally {
      writeLock.unlock();
    }
  }

  /** Stores {@code object} (which the caller hands over) as the next version of it; only inside {@link #write}. */
  StoredObject put(Kind kind, String namespace, String name, ObjectNode object) {
    requireLock();
    KindTable table = tables.computeIfAbsent(kind, k -> new KindTable());
    StoredObject before = table.get(namespace, name);
    StoredObject after = StoredObject.of(kind, namespace, name, ++lastVersion, object);
    table.put(before, after, namespace, name);
    changed(table, new WatchHistory.Change(after.resourceVersion(), before, after));
    return after;
  }

  /** Deletes the object; the deletion has its own resourceVersion. Only inside {@link #write}. */
  StoredObject remove(StoredObject current) {
    requireLock();
    KindTable table = tables.get(current.kind());
    StoredObject tombstone = StoredObject.of(current.kind(), current.namespace(), current.name(), ++lastVersion,
        current.mutableCopy());
    table.put(current, null, current.namespace(), current.name());
    changed(table, new WatchHistory.Change(tombstone.resourceVersion(), tombstone, null));
    return tombstone;
  }

  private void changed(KindTable table, WatchHistory.Change change) {
    history.record(change);
    for (Watch watch : watches) {
      try {
        watch.deliver(change);
      } catch (RuntimeException e) {
        LOG.debug("kube-sim: dropping a watch that failed: {}", e.toString());
        watch.cancel();
      }
    }
    table.lastChange = change.resourceVersion();
    committed = change.resourceVersion();
  }

  /**
   * Opens a watch: from resourceVersion {@code from} > 0 it first gets the kept changes after it, else every
   * selected object as ADDED (as Kubernetes does), then every change as it happens. Empty when the changes after
   * {@code from} are forgotten: the client must list again (410 Gone).
   */
  Optional<Watch> watch(Query query, long from, WatchSink sink) {
    return write(() -> {
      Watch watch = new Watch(query, sink);
      if (from > 0) {
        List<WatchHistory.Change> missed = history.after(from, watch::concerns);
        if (missed == null) {
          return Optional.empty();
        }
        missed.forEach(watch::deliver);
      } else {
        list(query, null, 0).items().forEach(object -> sink.send("ADDED", object));
      }
      watches.add(watch);
      return Optional.of(watch);
    });
  }

  private void requireLock() {
    if (!writeLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("a store write outside ObjectStore.write");
    }
  }
}
