package io.milvus.operator.migration.etcd;

import com.google.protobuf.ByteString;

/** One write of a batch. */
public sealed interface Mutation {
  ByteString key();

  /** Bytes this mutation adds to a request, to keep transactions under etcd's request size limit. */
  int size();

  record Put(ByteString key, ByteString value) implements Mutation {
    @Override
    public int size() {
      return key.size() + value.size();
    }
  }

  record Delete(ByteString key) implements Mutation {
    @Override
    public int size() {
      return key.size();
    }
  }
}
