package io.milvus.operator.migration.support;

/**
 * A failure the tool explains to the operator in one sentence (bad config, refused precondition, bad data,
 * lost etcd). The message is logged without a stack trace; anything else is treated as a bug.
 */
public class MigrationException extends RuntimeException {
  public MigrationException(String message) {
    super(message);
  }

  public MigrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
