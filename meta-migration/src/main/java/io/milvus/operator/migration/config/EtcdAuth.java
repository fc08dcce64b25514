package io.milvus.operator.migration.config;

/** {@code etcd.auth.*}: user and password. The password never appears in toString (logs). */
public record EtcdAuth(String userName, String password) {
  @Override
  public String toString() {
    return "EtcdAuth[userName=" + userName + ", password=***]";
  }
}
