package io.milvus.operator.migration.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxnBatchesTest {

  private static Mutation put(int keyBytes, int valueBytes) {
    return new Mutation.Put(ByteString.copyFrom(new byte[keyBytes]), ByteString.copyFrom(new byte[valueBytes]));
  }

  @Test
  void respectsTheOperationLimit() {
    List<Mutation> mutations = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      mutations.add(new Mutation.Delete(ByteString.copyFromUtf8("k" + i)));
    }
    assertThat(TxnBatches.split(mutations, 4, 1 << 20)).extracting(List::size).containsExactly(4, 4, 2);
  }

  @Test
  void respectsTheSizeLimitButNeverLeavesAMutationBehind() {
    List<Mutation> mutations = List.of(put(10, 90), put(10, 90), put(10, 500), put(1, 1));
    assertThat(TxnBatches.split(mutations, 100, 200)).extracting(List::size).containsExactly(2, 1, 1);
  }

  @Test
  void prefixEndIsTheNextKeyAfterThePrefix() {
    assertThat(EtcdMetaStore.prefixEnd(ByteString.copyFromUtf8("by-dev/meta/")).toStringUtf8()).isEqualTo("by-dev/meta0");
    assertThat(EtcdMetaStore.prefixEnd(ByteString.copyFrom(new byte[] {'a', (byte) 0xff})))
        .isEqualTo(ByteString.copyFromUtf8("b"));
  }
}
