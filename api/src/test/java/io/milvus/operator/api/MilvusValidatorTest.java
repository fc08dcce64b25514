package io.milvus.operator.api;

import io.milvus.operator.api.v1beta1.Milvus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;

/** A user writes a Milvus; the operator tells them what is wrong before touching anything. */
class MilvusValidatorTest {

  /** A mistake a user can make, the field it is reported on and words the message must contain. */
  record Mistake(String story, String spec, String field, String messagePart) {
    @Override
    public String toString() {
      return story;
    }
  }

  static Stream<Mistake> mistakes() {
    return Stream.of(
        new Mistake("a mode that does not exist", "mode: distributed",
            "spec.mode", "mode must be standalone or cluster, got \"distributed\""),
        new Mistake("an image update mode misspelled", "components: {imageUpdateMode: rolling}",
            "spec.components.imageUpdateMode", "must be rollingUpgrade, rollingDowngrade, all or force, got \"rolling\""),
        new Mistake("a message queue Milvus cannot use", "dependencies: {msgStreamType: rabbitmq}",
            "spec.dependencies.msgStreamType", "msgStreamType must be pulsar, kafka, woodpecker, rocksmq, natsmq or custom"),
        new Mistake("GCS as a storage type (it is S3 with a GCS endpoint)", "dependencies: {storage: {type: GCS}}",
            "spec.dependencies.storage.type", "type must be MinIO, S3 or Azure, got \"GCS\""),
        new Mistake("a deletion policy that does not exist", "dependencies: {etcd: {inCluster: {deletionPolicy: Keep}}}",
            "spec.dependencies.etcd.inCluster.deletionPolicy", "deletionPolicy must be Retain or Delete, got \"Keep\""),
        new Mistake("a service type Kubernetes does not have", "components: {standalone: {serviceType: Ingress}}",
            "spec.components.standalone.serviceType", "serviceType must be ClusterIP, NodePort or LoadBalancer"),
        new Mistake("an image pull policy in lowercase", "components: {imagePullPolicy: always}",
            "spec.components.imagePullPolicy", "imagePullPolicy must be Always, IfNotPresent or Never, got \"always\""),
        new Mistake("a bad image pull policy on one component", "{mode: cluster, components: {proxy: {imagePullPolicy: Sometimes}}}",
            "spec.components.proxy.imagePullPolicy", "got \"Sometimes\""),
        new Mistake("a target port type that is not string or integer", "components: {targetPortType: number}",
            "spec.components.targetPortType", "targetPortType must be string or integer"),
        new Mistake("a DNS policy Kubernetes does not have", "components: {dnsPolicy: ClusterLast}",
            "spec.components.dnsPolicy", "dnsPolicy must be ClusterFirst, ClusterFirstWithHostNet, Default or None"),
        new Mistake("standalone replicas below -1", "components: {standalone: {replicas: -2}}",
            "spec.components.standalone.replicas", "replicas must be -1 (autoscaled) or more, got -2"),
        new Mistake("queryNode replicas below -1", "{mode: cluster, components: {queryNode: {replicas: -5}}}",
            "spec.components.queryNode.replicas", "replicas must be -1 (autoscaled) or more, got -5"),
        new Mistake("a deployment group with replicas below -1",
            "{mode: cluster, components: {dataNode: {groups: [{name: a, replicas: -3}]}}}",
            "spec.components.dataNode.groups[0].replicas", "replicas must be -1 (autoscaled) or more, got -3"),
        new Mistake("an image with a space after the colon", "components: {image: 'milvusdb/milvus: v2.4.23'}",
            "spec.components.image", "must not contain spaces"),
        new Mistake("an image repository in uppercase", "components: {image: 'MilvusDB/milvus:v2.4.23'}",
            "spec.components.image", "must be lowercase: milvusdb/milvus"),
        new Mistake("an image with an empty tag", "components: {image: 'milvusdb/milvus:'}",
            "spec.components.image", "has an empty tag: write milvusdb/milvus:<tag>"),
        new Mistake("an image with a truncated digest", "components: {image: 'milvusdb/milvus@sha256:1234'}",
            "spec.components.image", "sha256: followed by 64 lowercase hex digits"),
        new Mistake("a component image with an empty path segment", "{mode: cluster, components: {mixCoord: {image: 'milvusdb//milvus:v2.5.4'}}}",
            "spec.components.mixCoord.image", "repository of image"),
        new Mistake("a version that is not one", "components: {version: latest}",
            "spec.components.version", "version must be a Milvus version like v2.4.23, got \"latest\""),
        new Mistake("a service port out of range", "components: {standalone: {port: 70000}}",
            "spec.components.standalone.port", "port must be between 1 and 65535 (0 or unset means 19530), got 70000"),
        new Mistake("a negative restful port", "{mode: cluster, components: {proxy: {serviceRestfulPort: -1}}}",
            "spec.components.proxy.serviceRestfulPort", "got -1"),
        new Mistake("an external etcd without endpoints", "dependencies: {etcd: {external: true}}",
            "spec.dependencies.etcd.endpoints", "an external etcd needs endpoints"),
        new Mistake("an etcd endpoint with a port that is not a number", "dependencies: {etcd: {external: true, endpoints: ['etcd:abc']}}",
            "spec.dependencies.etcd.endpoints[0]", "etcd endpoint \"etcd:abc\" must be host:port"),
        new Mistake("an etcd endpoint with a port out of range", "dependencies: {etcd: {endpoints: ['etcd-0.etcd:99999']}}",
            "spec.dependencies.etcd.endpoints[0]", "must be host:port"),
        new Mistake("an external storage without endpoint", "dependencies: {storage: {external: true, type: S3}}",
            "spec.dependencies.storage.endpoint", "an external storage needs an endpoint"),
        new Mistake("a storage endpoint that is a URL path", "dependencies: {storage: {external: true, endpoint: 'https://s3/bucket'}}",
            "spec.dependencies.storage.endpoint", "must be host or host:port"),
        new Mistake("an external pulsar without endpoint, pulsar being the cluster's default queue",
            "{mode: cluster, dependencies: {pulsar: {external: true}}}",
            "spec.dependencies.pulsar.endpoint", "an external pulsar needs an endpoint"),
        new Mistake("an external kafka without brokers", "{mode: cluster, dependencies: {msgStreamType: kafka, kafka: {external: true}}}",
            "spec.dependencies.kafka.brokerList", "an external kafka needs brokerList"),
        new Mistake("a kafka broker without port", "dependencies: {msgStreamType: kafka, kafka: {external: true, brokerList: [kafka]}}",
            "spec.dependencies.kafka.brokerList[0]", "kafka broker \"kafka\" must be host:port"),
        new Mistake("rocksmq for a cluster", "{mode: cluster, dependencies: {msgStreamType: rocksmq}}",
            "spec.dependencies.msgStreamType", "rocksmq runs inside a standalone Milvus only"),
        new Mistake("natsmq for a cluster", "{mode: cluster, dependencies: {msgStreamType: natsmq}}",
            "spec.dependencies.msgStreamType", "natsmq runs inside a standalone Milvus only"),
        new Mistake("an external woodpecker without buffer pools",
            "{mode: cluster, dependencies: {msgStreamType: woodpecker, woodpecker: {external: true}}}",
            "spec.dependencies.woodpecker.quorumBufferPools", "an external woodpecker needs quorumBufferPools"),
        new Mistake("a woodpecker pool without seeds",
            "dependencies: {msgStreamType: woodpecker, woodpecker: {external: true, quorumBufferPools: [{name: p}]}}",
            "spec.dependencies.woodpecker.quorumBufferPools[0].seeds", "needs seeds"),
        new Mistake("external set on rocksmq", "dependencies: {rocksmq: {external: true}}",
            "spec.dependencies.rocksmq.external", "external applies to woodpecker only"),
        new Mistake("a pulsar chart that does not exist", "{mode: cluster, dependencies: {pulsar: {inCluster: {chartVersion: pulsar-v4}}}}",
            "spec.dependencies.pulsar.inCluster.chartVersion", "chartVersion must be pulsar-v2 or pulsar-v3"),
        new Mistake("rolling mode 1, which upstream retired", "components: {rollingMode: 1}",
            "spec.components.rollingMode", "rollingMode must be 2 (blue/green queryNode) or 3"),
        new Mistake("two deployment groups with one name",
            "{mode: cluster, components: {queryNode: {groups: [{name: zone-a, replicas: 1}, {name: zone-a, replicas: 2}]}}}",
            "spec.components.queryNode.groups[1].name", "group name \"zone-a\" is used twice"),
        new Mistake("a group name that is not a DNS label", "{mode: cluster, components: {proxy: {groups: [{name: Zone_A, replicas: 1}]}}}",
            "spec.components.proxy.groups[0].name", "must be a DNS-1123 label"),
        new Mistake("a group name longer than 63 characters",
            "{mode: cluster, components: {proxy: {groups: [{name: " + "a".repeat(64) + ", replicas: 1}]}}}",
            "spec.components.proxy.groups[0].name", "at most 63"),
        new Mistake("a group without replicas", "{mode: cluster, components: {streamingNode: {groups: [{name: a}]}}}",
            "spec.components.streamingNode.groups[0].replicas", "every deployment group needs replicas"),
        new Mistake("a group label the operator owns",
            "{mode: cluster, components: {queryNode: {groups: [{name: a, replicas: 1, labels: {app.kubernetes.io/name: x}}]}}}",
            "spec.components.queryNode.groups[0].labels[app.kubernetes.io/name]", "is reserved for the operator"),
        new Mistake("a group annotation the operator owns",
            "{mode: cluster, components: {queryNode: {groups: [{name: a, replicas: 1, annotations: {checksum/config: x}}]}}}",
            "spec.components.queryNode.groups[0].annotations[checksum/config]", "is reserved for the operator"),
        new Mistake("a milvus.io/ label on a group",
            "{mode: cluster, components: {dataNode: {groups: [{name: a, replicas: 1, labels: {milvus.io/service: 'true'}}]}}}",
            "spec.components.dataNode.groups[0].labels[milvus.io/service]", "reserved"),
        new Mistake("groups on mixCoord, which has none", "{mode: cluster, components: {mixCoord: {groups: [{name: a, replicas: 1}]}}}",
            "spec.components.mixCoord.groups", "deployment groups are supported on proxy, dataNode, queryNode or streamingNode only"),
        new Mistake("groups on indexNode", "{mode: cluster, components: {indexNode: {groups: [{name: a, replicas: 1}]}}}",
            "spec.components.indexNode.groups", "not on indexNode"),
        new Mistake("a statefulSet on streamingNode", "{mode: cluster, components: {streamingNode: {statefulSet: {enabled: true}}}}",
            "spec.components.streamingNode.statefulSet", "statefulSet is supported on queryNode, dataNode or indexNode only"),
        new Mistake("an existing claim that is not a PVC name",
            "dependencies: {rocksmq: {persistence: {persistentVolumeClaim: {existingClaim: Data_PVC}}}}",
            "spec.dependencies.rocksmq.persistence.persistentVolumeClaim.existingClaim",
            "PersistentVolumeClaim name \"Data_PVC\" is not a valid Kubernetes name"),
        new Mistake("etcd endpoints in config", "config: {etcd: {endpoints: ['my-etcd:2379']}}",
            "spec.config.etcd.endpoints", "use spec.dependencies.etcd.endpoints instead"),
        new Mistake("the MinIO address in config", "config: {minio: {address: minio.example.com}}",
            "spec.config.minio.address", "config.minio.address is set by the operator and would be overwritten: use"
                + " spec.dependencies.storage.endpoint instead"),
        new Mistake("the pulsar address as a dotted config key", "config: {pulsar.address: 'pulsar://p'}",
            "spec.config.pulsar.address", "use spec.dependencies.pulsar.endpoint instead"),
        new Mistake("the kafka brokers in config, whatever the case", "config: {kafka: {brokerlist: 'k:9092'}}",
            "spec.config.kafka.brokerlist", "use spec.dependencies.kafka.brokerList instead"),
        new Mistake("mixCoord and separate coordinators together",
            "{mode: cluster, components: {mixCoord: {replicas: 1}, rootCoord: {replicas: 1}, queryCoord: {}}}",
            "spec.components.mixCoord", "remove rootCoord and queryCoord, or remove mixCoord"),
        new Mistake("an autoscaler whose minimum exceeds its maximum",
            "{mode: cluster, components: {proxy: {hpa: {minReplicas: 5, maxReplicas: 3}}}}",
            "spec.components.proxy.hpa.minReplicas", "hpa.minReplicas (5) must not exceed hpa.maxReplicas (3)"),
        new Mistake("an autoscaler without maximum", "{mode: cluster, components: {queryNode: {hpa: {minReplicas: 2}}}}",
            "spec.components.queryNode.hpa.maxReplicas", "hpa needs maxReplicas"),
        new Mistake("cdc with a Milvus older than 2.6.6",
            "components: {image: 'milvusdb/milvus:v2.5.4', cdc: {replicas: 1}}",
            "spec.components.cdc", "cdc needs Milvus v2.6.6 or later, but the image is v2.5.4"),
        new Mistake("a probe name in the wrong case", "components: {probes: {livenessprobe: {periodSeconds: 10}}}",
            "spec.components.probes.livenessprobe", "probes takes startupProbe, livenessProbe or readinessProbe"),
        new Mistake("a metric interval in words", "components: {metricInterval: 30 seconds}",
            "spec.components.metricInterval", "metricInterval must be a duration like 30s"),
        new Mistake("a pod label value with a space", "components: {podLabels: {team: 'search team'}}",
            "spec.components.podLabels[team]", "the value of label \"team\""),
        new Mistake("a tool image with a bad tag", "components: {toolImage: 'milvusdb/milvus-operator:.v1'}",
            "spec.components.toolImage", "the tag of image"),
        new Mistake("a mount of a volume nobody declares (Kubernetes refuses the pod)",
            "components: {volumeMounts: [{name: _remove, mountPath: /milvus/old}]}",
            "spec.components.volumeMounts[0].name", "volumeMount \"_remove\" names no volume"),
        new Mistake("a component's mount of a volume only another component has",
            "{mode: cluster, components: {proxy: {volumeMounts: [{name: certs, mountPath: /certs}]},"
                + " queryNode: {volumes: [{name: certs, secret: {secretName: certs}}]}}}",
            "spec.components.proxy.volumeMounts[0].name", "declare it in spec.components.proxy.volumes"),
        new Mistake("standalone's data volume mounted in a cluster's pods",
            "{mode: cluster, components: {volumeMounts: [{name: data, mountPath: /data}]}}",
            "spec.components.volumeMounts[0].name", "volumeMount \"data\" names no volume"),
        new Mistake("a storage secret name with uppercase", "dependencies: {storage: {secretRef: MySecret}}",
            "spec.dependencies.storage.secretRef", "Secret name \"MySecret\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  @DisplayName("a mistake is reported on the field that has it, with a message saying what to write")
  void reportsTheMistake(Mistake mistake) {
    List<ValidationProblem> problems = MilvusValidator.validate(TestResources.milvusWithSpec(mistake.spec()));

    assertThat(problems)
        .as("problems of: %s", mistake.spec())
        .anySatisfy(problem -> {
          assertThat(problem.field()).isEqualTo(mistake.field());
          assertThat(problem.message()).contains(mistake.messagePart());
        });
  }

  @Test
  @DisplayName("there are at least 30 kinds of mistakes covered")
  void coversManyMistakes() {
    assertThat(mistakes().count()).isGreaterThanOrEqualTo(30);
  }

  @ParameterizedTest
  @ValueSource(strings = {"standalone-minimal.yaml", "cluster-mixcoord-pulsar.yaml", "kafka-external.yaml",
      "s3-external.yaml", "deletion-delete.yaml", "cluster-woodpecker-external.yaml", "cluster-deployment-groups.yaml",
      "upstream-defaulted-cluster.yaml"})
  @DisplayName("upstream-style samples are valid")
  void samplesAreValid(String sample) {
    assertThat(MilvusValidator.validate(TestResources.milvus("resources/samples/" + sample))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"milvus.yaml", "milvus-update-all.yaml", "milvus-image-change.yaml"})
  @DisplayName("the seed document's resources are valid")
  void seedResourcesAreValid(String seed) {
    assertThat(MilvusValidator.validate(TestResources.milvus("resources/seed/" + seed))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "dependencies: {msgStreamType: kafka}",
      "dependencies: {msgStreamType: pulsar, pulsar: {external: true, endpoint: 'pulsar://my-pulsar:6650'}}",
      "{mode: cluster, dependencies: {msgStreamType: kafka, pulsar: {external: true}}}",
      "components: {image: 'registry.local:5000/milvusdb/milvus:v2.4.23'}",
      "components: {image: 'milvusdb/milvus@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'}",
      "components: {image: 'milvusdb/milvus:master-20240101-abcdef', cdc: {replicas: 1}}",
      "components: {image: 'milvusdb/milvus:v2.6.6', cdc: {replicas: 1}}",
      "components: {standalone: {replicas: -1, port: 0}}",
      "components: {rollingMode: 3}",
      "dependencies: {etcd: {external: true, endpoints: ['https://etcd.example.com:2379', '10.0.0.1:2379']}}",
      "config: {etcd: {rootPath: custom}, minio: {bucketName: b}}",
      "components: {enableRollingUpdate: true}",
      "components: {volumes: [{name: certs, secret: {secretName: certs}}], volumeMounts: [{name: certs, mountPath: /c}]}",
      "components: {volumeMounts: [{name: data, mountPath: /var/lib/milvus}, {name: config, mountPath: /cfg}]}",
  })
  @DisplayName("choices that look unusual but are fine yield no problem")
  void unusualButValid(String spec) {
    assertThat(MilvusValidator.validate(TestResources.milvusWithSpec(spec))).isEmpty();
  }

  @Test
  @DisplayName("a Milvus without spec is valid: everything is defaulted")
  void emptySpecIsValid() {
    assertThat(MilvusValidator.validate(new Milvus())).isEmpty();
    assertThat(MilvusValidator.validate(null)).isEmpty();
  }
}
