package io.milvus.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.milvus.operator.TestMilvus;
import org.junit.jupiter.api.Test;

class RunningQueueTest {

  @Test
  void theQueueIsReadFromTheConfigMapOurOperatorWrote() {
    var ctx = TestMilvus.context(TestMilvus.withSpec("m", "components: {image: 'milvusdb/milvus:v2.5.26'}"));

    assertThat(RunningQueue.of(MilvusRenderer.render(ctx).configMap())).hasValue("rocksmq");
  }

  @Test
  void upstreamsConfigMapTellsItsQueueToo() {
    var upstream = new ConfigMapBuilder().withNewMetadata().withName("m").endMetadata()
        .addToData("user.yaml", "etcd:\n  endpoints: [m-etcd:2379]\nmq:\n  type: natsmq\nmessageQueue: natsmq\n").build();

    assertThat(RunningQueue.of(upstream)).hasValue("natsmq");
  }

  @Test
  void nothingReadableTellsNothing() {
    assertThat(RunningQueue.of(null)).isEmpty();
    assertThat(RunningQueue.of(new ConfigMapBuilder().addToData("user.yaml", ": : [").build())).isEmpty();
    assertThat(RunningQueue.of(new ConfigMapBuilder().addToData("user.yaml", "mq: {type: carrier-pigeon}").build()))
        .isEmpty();
  }
}
