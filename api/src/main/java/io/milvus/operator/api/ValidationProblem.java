package io.milvus.operator.api;

/**
 * Something wrong in a resource as the user wrote it.
 *
 * @param field the JSON path of the offending field, e.g. {@code spec.components.standalone.replicas}
 * @param message a sentence saying what is wrong and what to write instead
 */
public record ValidationProblem(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
