package io.milvus.operator.migration.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.milvus.operator.migration.proto.KeyValuePair;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexParamsTest {
  private static KeyValuePair kv(String k, String v) {
    return KeyValuePair.newBuilder().setKey(k).setValue(v).build();
  }

  private static List<String> flat(KeyValuePair... pairs) {
    return IndexParams.flatten(List.of(pairs), "test").stream().map(p -> p.getKey() + "=" + p.getValue()).toList();
  }

  @Test
  void replacesTheParamsPairByItsMembersInPlace() {
    assertThat(flat(kv("index_type", "IVF_SQ8"), kv("params", "{\"nlist\": 128, \"m\": 4}"), kv("metric_type", "L2")))
        .containsExactly("index_type=IVF_SQ8", "m=4", "nlist=128", "metric_type=L2");
  }

  @Test
  void aLaterDuplicateKeyWinsAndKeepsTheFirstPosition() {
    assertThat(flat(kv("nlist", "1"), kv("params", "{\"nlist\": 2}"), kv("metric_type", "IP")))
        .containsExactly("nlist=2", "metric_type=IP");
    assertThat(flat(kv("params", "{\"nlist\": 2}"), kv("nlist", "3"))).containsExactly("nlist=3");
  }

  @Test
  void pairsWithoutParamsPassUnchanged() {
    assertThat(flat(kv("index_type", "FLAT"), kv("metric_type", "L2")))
        .containsExactly("index_type=FLAT", "metric_type=L2");
  }

  @Test
  void rejectsParamsThatAreNotAJsonObject() {
    assertThatThrownBy(() -> flat(kv("params", "[1,2]"))).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> flat(kv("params", "{\"a\":1} x"))).hasMessageContaining("not a JSON object");
  }
}
