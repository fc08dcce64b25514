package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** The services Milvus depends on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusDependencies extends ExtensibleObject {

  @JsonPropertyDescription("etcd, where Milvus keeps its metadata.")
  private MilvusEtcd etcd;

  @JsonPropertyDescription("The message queue: pulsar, kafka, woodpecker, rocksmq, natsmq or custom. Defaults: a cluster uses pulsar; a standalone Milvus uses rocksmq before 2.6 and woodpecker from 2.6. rocksmq and natsmq are standalone only.")
  @ValidationRule(value = "self in ['pulsar', 'kafka', 'woodpecker', 'rocksmq', 'natsmq', 'custom', '']", message = "msgStreamType must be one of pulsar, kafka, woodpecker, rocksmq, natsmq, custom")
  private String msgStreamType;

  @JsonPropertyDescription("Pulsar, when msgStreamType is pulsar.")
  private MilvusPulsar pulsar;

  @JsonPropertyDescription("Kafka, when msgStreamType is kafka.")
  private MilvusKafka kafka;

  @JsonPropertyDescription("Woodpecker, when msgStreamType is woodpecker: embedded in Milvus by default, or an external LogStore.")
  private BuiltInMq woodpecker;

  @JsonPropertyDescription("RocksMQ, built into standalone Milvus, when msgStreamType is rocksmq.")
  private BuiltInMq rocksmq;

  @JsonPropertyDescription("NATS, built into standalone Milvus, when msgStreamType is natsmq.")
  private BuiltInMq natsmq;

  @JsonPropertyDescription("Object storage, where Milvus keeps its data and indexes.")
  private MilvusStorage storage;

  @JsonPropertyDescription("Settings of a message queue the operator does not manage or check (msgStreamType custom).")
  @SchemaFrom(type = FreeFormObject.class)
  private Map<String, Object> customMsgStream;

  @JsonPropertyDescription("Text Embeddings Inference, deployed in the namespace when enabled.")
  private MilvusTei tei;

  public MilvusEtcd getEtcd() {
    return etcd;
  }

  public void setEtcd(MilvusEtcd etcd) {
    this.etcd = etcd;
  }

  public String getMsgStreamType() {
    return msgStreamType;
  }

  public void setMsgStreamType(String msgStreamType) {
    this.msgStreamType = msgStreamType;
  }

  public MilvusPulsar getPulsar() {
    return pulsar;
  }

  public void setPulsar(MilvusPulsar pulsar) {
    this.pulsar = pulsar;
  }

  public MilvusKafka getKafka() {
    return kafka;
  }

  public void setKafka(MilvusKafka kafka) {
    this.kafka = kafka;
  }

  public BuiltInMq getWoodpecker() {
    return woodpecker;
  }

  public void setWoodpecker(BuiltInMq woodpecker) {
    this.woodpecker = woodpecker;
  }

  public BuiltInMq getRocksmq() {
    return rocksmq;
  }

  public void setRocksmq(BuiltInMq rocksmq) {
    this.rocksmq = rocksmq;
  }

  public BuiltInMq getNatsmq() {
    return natsmq;
  }

  public void setNatsmq(BuiltInMq natsmq) {
    this.natsmq = natsmq;
  }

  public MilvusStorage getStorage() {
    return storage;
  }

  public void setStorage(MilvusStorage storage) {
    this.storage = storage;
  }

  public Map<String, Object> getCustomMsgStream() {
    return customMsgStream;
  }

  public void setCustomMsgStream(Map<String, Object> customMsgStream) {
    this.customMsgStream = customMsgStream;
  }

  public MilvusTei getTei() {
    return tei;
  }

  public void setTei(MilvusTei tei) {
    this.tei = tei;
  }
}
