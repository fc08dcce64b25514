package io.milvus.operator.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The message queues of {@code spec.dependencies.msgStreamType}, spelled on the wire as upstream spells them. */
public enum MessageQueue {
  PULSAR("pulsar"),
  KAFKA("kafka"),
  /** Built into Milvus (embedded), or an external LogStore. */
  WOODPECKER("woodpecker"),
  /** Built into standalone Milvus only. */
  ROCKSMQ("rocksmq"),
  /** Built into standalone Milvus only. */
  NATSMQ("natsmq"),
  /** Managed and checked by the user, not the operator. */
  CUSTOM("custom");

  private final String wire;

  MessageQueue(String wire) {
    this.wire = wire;
  }

  /** The value of {@code msgStreamType} and the key of the queue's section in milvus.yaml. */
  public String wire() {
    return wire;
  }

  public boolean is(String msgStreamType) {
    return wire.equals(msgStreamType);
  }

  /** Runs inside the Milvus pod, keeping its data on the Milvus PVC: rocksmq, natsmq, woodpecker. */
  public boolean builtIn() {
    return this == ROCKSMQ || this == NATSMQ || this == WOODPECKER;
  }

  /** A cluster cannot use it: rocksmq, natsmq. */
  public boolean standaloneOnly() {
    return this == ROCKSMQ || this == NATSMQ;
  }

  public static Optional<MessageQueue> of(String msgStreamType) {
    return Arrays.stream(values()).filter(q -> q.is(msgStreamType)).findFirst();
  }

  /** Every queue's wire name, in declaration order. */
  public static List<String> wireNames() {
    return Arrays.stream(values()).map(MessageQueue::wire).toList();
  }
}
