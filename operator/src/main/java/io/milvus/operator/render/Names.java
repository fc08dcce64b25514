package io.milvus.operator.render;

/** Names of the objects made for a Milvus {@code <cr>}: the same as upstream's, so operators can be swapped. */
public final class Names {

  private Names() {}

  public static String configMap(String cr) {
    return cr;
  }

  public static String service(String cr) {
    return cr + "-milvus";
  }

  public static String deployment(String cr, MilvusComponent component) {
    return cr + "-milvus-" + component.label();
  }

  public static String etcd(String cr) {
    return cr + "-etcd";
  }

  public static String etcdHeadless(String cr) {
    return cr + "-etcd-headless";
  }

  public static String kafka(String cr) {
    return cr + "-kafka";
  }

  public static String kafkaHeadless(String cr) {
    return cr + "-kafka-headless";
  }

  /** The Secret with the in-cluster Kafka's client passwords, named as the bitnami chart names it. */
  public static String kafkaUserPasswords(String cr) {
    return cr + "-kafka-user-passwords";
  }

  public static String minio(String cr) {
    return cr + "-minio";
  }

  /** Secret with the in-cluster MinIO's keys {@code accesskey} and {@code secretkey}, as upstream's chart names it. */
  /** The headless Service of a distributed MinIO, named as the MinIO chart names it. */
  public static String minioHeadless(String cr) {
    return cr + "-minio-svc";
  }

  public static String minioSecret(String cr) {
    return cr + "-minio";
  }

  /** PVC of the built-in message queue (rocksmq, natsmq, woodpecker). */
  public static String dataPvc(String cr) {
    return cr + "-data";
  }

  public static String endpoint(String cr, String namespace, int port) {
    return service(cr) + "." + namespace + ":" + port;
  }
}
