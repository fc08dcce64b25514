package io.milvus.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.milvus.operator.TestMilvus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.milvus.operator.status.LiveQueryNodes;
import io.milvus.operator.decide.QueryNodeDeployments;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the operator renders for a few Milvus resources, pinned. An operator upgrade must not restart Milvus pods, so a
 * change here is a change users feel: make it on purpose, regenerate with
 * {@code mvn -pl operator test -Dtest=GoldenRenderingTest -Dgolden.update=true}, review the diff, and say in the
 * release notes which pods it rolls.
 */
class GoldenRenderingTest {

  static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  static List<Arguments> milvuses() {
    return List.of(
        Arguments.of("standalone-seed", TestMilvus.SEED),
        Arguments.of("cluster-mixcoord-pulsar", """
            apiVersion: milvus.io/v1beta1
            kind: Milvus
            metadata:
              name: my-cluster
              namespace: milvus
            spec:
              mode: cluster
              components:
                enableRollingUpdate: true
                image: milvusdb/milvus:v2.5.16
                mixCoord: {replicas: 1}
                proxy: {replicas: 2}
                queryNode: {replicas: 2}
                dataNode: {replicas: 1}
                indexNode: {replicas: 1}
              dependencies:
                pulsar: {external: true, endpoint: "pulsar://pulsar-proxy.pulsar:6650"}
            """),
        Arguments.of("cluster-default-incluster-pulsar-jwt", """
            apiVersion: milvus.io/v1beta1
            kind: Milvus
            metadata:
              name: my-release
              namespace: milvus
            spec:
              mode: cluster
              components:
                image: milvusdb/milvus:v2.5.16
              dependencies:
                pulsar:
                  inCluster:
                    values:
                      auth:
                        authentication: {enabled: true, provider: jwt, jwt: {usingSecretKey: true}}
                        authorization: {enabled: true}
                        superUsers: {broker: milvus, proxy: pulsar-proxy, client: ""}
            """),
        Arguments.of("cluster-incluster-kafka-sasl-minio-distributed", """
            apiVersion: milvus.io/v1beta1
            kind: Milvus
            metadata:
              name: prod
              namespace: milvus
            spec:
              mode: cluster
              components:
                image: milvusdb/milvus:v2.5.16
              dependencies:
                storage:
                  inCluster:
                    values: {mode: distributed, replicas: 4, drivesPerNode: 2, persistence: {size: 100Gi}}
                msgStreamType: kafka
                kafka:
                  inCluster:
                    values:
                      replicaCount: 3
                      resources: {requests: {cpu: "1", memory: 2Gi}}
                      listeners: {client: {protocol: SASL_PLAINTEXT}}
                      sasl: {enabledMechanisms: PLAIN, client: {users: [milvus], passwords: [change-me]}}
            """),
        Arguments.of("external-dependencies", """
            apiVersion: milvus.io/v1beta1
            kind: Milvus
            metadata:
              name: external
              namespace: prod
            spec:
              mode: cluster
              components:
                image: milvusdb/milvus:v2.4.23
              dependencies:
                etcd: {external: true, endpoints: ["etcd-0.etcd:2379", "etcd-1.etcd:2379"]}
                storage: {external: true, type: S3, endpoint: "s3.us-west-2.amazonaws.com:443", secretRef: milvus-s3}
                msgStreamType: kafka
                kafka: {external: true, brokerList: ["kafka-0.kafka:9092"]}
              config:
                minio: {bucketName: milvus-prod, useSSL: true}
            """),
        Arguments.of("pod-settings-merged-as-upstream", """
            apiVersion: milvus.io/v1beta1
            kind: Milvus
            metadata:
              name: tuned
              namespace: prod
            spec:
              mode: cluster
              components:
                image: milvusdb/milvus:v2.5.16
                runAsNonRoot: true
                podLabels: {team: search, tier: gold}
                podAnnotations: {owner: search}
                volumes: [{name: data, emptyDir: {}}]
                volumeMounts: [{name: data, mountPath: /milvus/data}]
                mixCoord: {replicas: 1}
                proxy:
                  image: milvusdb/milvus:v2.5.16-proxy-hotfix
                  serviceRestfulPort: 8080
                  podLabels: {tier: platinum}
                  volumeMounts: [{name: _remove, mountPath: /milvus/data}]
                queryNode:
                  commands: [milvus, run, querynode]
                  runWithSubProcess: true
                dataNode: {podAnnotations: {scrape: "no"}}
              dependencies:
                etcd: {external: true, endpoints: ["etcd:2379"]}
                storage: {external: true, type: S3, endpoint: "s3.amazonaws.com:443", secretRef: s3-keys}
                msgStreamType: kafka
                kafka: {external: true, brokerList: ["kafka:9093"], secretRef: kafka-client}
              config:
                localStorage: {path: /milvus/data}
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("milvuses")
  void renderingMatchesTheGoldenFile(String name, String milvusYaml) throws IOException {
    String rendered = render(milvusYaml);
    Path golden = GOLDEN.resolve(name + ".yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, rendered);
    }

    assertThat(golden).as("golden file %s; create it with -Dgolden.update=true", golden).exists();
    assertThat(rendered)
        .as("rendering of %s changed: if on purpose, regenerate with -Dgolden.update=true and review the diff", name)
        .isEqualTo(Files.readString(golden));
  }

  /** Every object, in a fixed order, as one multi-document YAML. */
  static String render(String milvusYaml) {
    RenderContext ctx = TestMilvus.context(TestMilvus.parse(milvusYaml));
    DesiredState desired = MilvusRenderer.render(ctx);
    List<HasMetadata> objects = new ArrayList<>();
    for (HasMetadata object : desired.objects()) {
      Deployment queryNode = desired.deployments().get(MilvusComponent.QUERY_NODE);
      if (object == queryNode) {
        // rolling mode 2: a new Milvus gets queryNode as a serving group 0 and an idle group 1
        objects.addAll(QueryNodeDeployments.plan(ctx, queryNode, LiveQueryNodes.NONE, false, 1, Optional.empty())
            .apply());
      } else {
        objects.add(object);
      }
    }
    return objects.stream()
        .map(o -> YAML.asYaml(o).replaceFirst("^---\\n", ""))
        .collect(Collectors.joining("---\n", "# Rendered by GoldenRenderingTest; regenerate with -Dgolden.update=true\n---\n", ""));
  }
}
