package io.milvus.operator.migration.etcd;

import com.google.protobuf.ByteString;

/** A value as read from etcd; {@code lease != 0} marks a session-like key that dies with its owner. */
public record StoredValue(ByteString value, long lease) {
  public boolean leased() {
    return lease != 0;
  }
}
