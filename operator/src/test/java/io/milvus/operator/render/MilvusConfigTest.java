package io.milvus.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.milvus.operator.TestMilvus;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MilvusConfigTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("in-cluster etcd by its Service", "{}", "etcd.endpoints", List.of("m-etcd.default:2379")),
        Arguments.of("etcd root path is the Milvus name", "{}", "etcd.rootPath", "m"),
        Arguments.of("bucket is the Milvus name", "{}", "minio.bucketName", "m"),
        Arguments.of("in-cluster MinIO address", "{}", "minio.address", "m-minio.default"),
        Arguments.of("in-cluster MinIO port", "{}", "minio.port", 9000),
        Arguments.of("rocksmq below 2.6", "components: {image: 'milvusdb/milvus:v2.5.26'}", "mq.type", "rocksmq"),
        Arguments.of("woodpecker from 2.6", "components: {image: 'milvusdb/milvus:v2.6.0'}", "mq.type", "woodpecker"),
        Arguments.of("woodpecker with the default image (2.6)", "{}", "mq.type", "woodpecker"),
        Arguments.of("channel prefix is the Milvus name", "{}", "msgChannel.chanNamePrefix.cluster", "m"),
        Arguments.of("external etcd endpoints as given",
            "dependencies: {etcd: {external: true, endpoints: ['a:2379', 'b:2379']}}", "etcd.endpoints",
            List.of("a:2379", "b:2379")),
        Arguments.of("external storage host", "dependencies: {storage: {external: true, type: S3, endpoint: 's3.x:443'}}",
            "minio.address", "s3.x"),
        Arguments.of("TLS on port 443", "dependencies: {storage: {external: true, type: S3, endpoint: 's3.x:443'}}",
            "minio.useSSL", true),
        Arguments.of("S3 means AWS", "dependencies: {storage: {external: true, type: S3, endpoint: 's3.x:443'}}",
            "minio.cloudProvider", "aws"),
        Arguments.of("user config is merged", "config: {common: {retentionDuration: 7}}", "common.retentionDuration", 7),
        Arguments.of("user may rename the bucket", "config: {minio: {bucketName: mine}}", "minio.bucketName", "mine"),
        Arguments.of("the operator owns the etcd address", "config: {etcd: {endpoints: ['wrong:1']}}", "etcd.endpoints",
            List.of("m-etcd.default:2379")),
        Arguments.of("active-standby coordinators for rolling updates", "components: {enableRollingUpdate: true}",
            "rootCoord.enableActiveStandby", true),
        Arguments.of("external pulsar address", "{mode: cluster, dependencies: {pulsar: {external: true, endpoint: 'p:6650'}}}",
            "pulsar.address", "p"),
        Arguments.of("external kafka brokers", "{mode: cluster, dependencies: {msgStreamType: kafka, kafka: {external: true, brokerList: ['k1:9092', 'k2:9092']}}}",
            "kafka.brokerList", "k1:9092,k2:9092"),
        Arguments.of("in-cluster kafka brokers", "{mode: cluster, dependencies: {msgStreamType: kafka}}",
            "kafka.brokerList", "m-kafka.default:9092"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersUserYaml(String story, String spec, String key, Object expected) {
    var ctx = TestMilvus.context(TestMilvus.withSpec("m", spec));
    Map<String, Object> config = MilvusConfig.render(ctx.name(), ctx.namespace(), ctx.spec());
    assertThat(ConfigMaps.get(config, key)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void otherQueuesSectionsAreDropped(String story, String spec, String key, Object expected) {
    var ctx = TestMilvus.context(TestMilvus.withSpec("m", spec));
    Map<String, Object> config = MilvusConfig.render(ctx.name(), ctx.namespace(), ctx.spec());
    String mq = (String) ConfigMaps.get(config, "mq.type");
    for (String other : List.of("pulsar", "kafka", "rocksmq", "natsmq", "woodpecker")) {
      if (!other.equals(mq)) {
        assertThat(config).doesNotContainKey(other);
      }
    }
  }
}
