package io.milvus.operator.migration.command;

import io.etcd.jetcd.Client;
import io.milvus.operator.migration.config.EtcdConfig;
import io.milvus.operator.migration.etcd.EtcdClients;
import io.milvus.operator.migration.etcd.EtcdMetaStore;
import io.milvus.operator.migration.etcd.MetaRoot;
import io.milvus.operator.migration.etcd.SessionGuard;
import io.milvus.operator.migration.etcd.WriteHook;
import java.time.Clock;

/** A connected client holding the migration lock, and the store that writes under it. */
final class EtcdSession implements AutoCloseable {
  private final Client client;
  private final SessionGuard guard;
  private final EtcdMetaStore store;
  private final MetaRoot root;

  private EtcdSession(Client client, SessionGuard guard, EtcdMetaStore store, MetaRoot root) {
    this.client = client;
    this.guard = guard;
    this.store = store;
    this.root = root;
  }

  static EtcdSession open(EtcdConfig etcd, WriteHook hook, Clock clock) {
    MetaRoot root = new MetaRoot(etcd.metaRoot());
    Client client = EtcdClients.connect(etcd);
    try {
      SessionGuard guard = SessionGuard.acquire(client, root, etcd.tuning(), clock);
      EtcdMetaStore store = new EtcdMetaStore(client.getKVClient(), etcd.tuning(), hook, guard.abortSignal(),
          guard.lockStillOurs());
      return new EtcdSession(client, guard, store, root);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  EtcdMetaStore store() {
    return store;
  }

  MetaRoot root() {
    return root;
  }

  @Override
  public void close() {
    try {
      guard.close();
    } finally {
      client.close();
    }
  }
}
