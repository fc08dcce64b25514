package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.milvus.operator.api.ValidationProblem;
import java.util.List;

/** A Milvus spec that could not be read: empty for the model, written back as stored. */
public final class UnreadableMilvusSpec extends MilvusSpec implements UnreadableSpec {

  private final JsonNode stored;
  private final List<ValidationProblem> problems;

  public UnreadableMilvusSpec(JsonNode stored, List<ValidationProblem> problems) {
    this.stored = stored;
    this.problems = List.copyOf(problems);
  }

  @Override
  public List<ValidationProblem> readProblems() {
    return problems;
  }

  @JsonValue
  @Override
  public JsonNode stored() {
    return stored;
  }
}
