package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.milvus.operator.api.MistypedFields;
import io.milvus.operator.api.ValidationProblem;
import java.io.IOException;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads a resource's spec so that no stored spec makes the read fail: an informer that cannot read one resource
 * stops serving all of them. A spec with mistyped fields, or that the model rejects for another reason, becomes an
 * {@link UnreadableSpec} naming each field and the type expected there.
 */
public abstract class LenientSpecDeserializer<T> extends JsonDeserializer<T> {

  private static final String ROOT = "spec";

  private final Class<T> type;
  private final BiFunction<JsonNode, List<ValidationProblem>, T> unreadable;

  protected LenientSpecDeserializer(Class<T> type, BiFunction<JsonNode, List<ValidationProblem>, T> unreadable) {
    this.type = type;
    this.unreadable = unreadable;
  }

  @Override
  public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    JsonNode stored = context.readTree(parser);
    List<ValidationProblem> problems = MistypedFields.of(type, stored, ROOT);
    if (problems.isEmpty()) {
      try {
        return context.readTreeAsValue(stored, type);
      } catch (IOException | RuntimeException e) {
        problems = List.of(problemOf(e));
      }
    }
    return unreadable.apply(stored, problems);
  }

  /** The field Jackson was reading when the model refused the value, and why. */
  static ValidationProblem problemOf(Exception e) {
    StringBuilder path = new StringBuilder(ROOT);
    String reason = e.getMessage();
    if (e instanceof JsonMappingException mapping) {
      reason = mapping.getOriginalMessage();
      // the first reference is the spec itself when read through the resource
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        if (ref.getFieldName() != null) {
          path.append('.').append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
    }
    String firstLine = reason == null ? e.getClass().getSimpleName() : reason.lines().findFirst().orElse(reason);
    return new ValidationProblem(path.toString(), "cannot be read: " + firstLine);
  }

  /** For {@link Milvus#setSpec}. */
  public static final class ForMilvus extends LenientSpecDeserializer<MilvusSpec> {
    public ForMilvus() {
      super(MilvusSpec.class, UnreadableMilvusSpec::new);
    }
  }

  /** For {@link MilvusUpgrade#setSpec}. */
  public static final class ForMilvusUpgrade extends LenientSpecDeserializer<MilvusUpgradeSpec> {
    public ForMilvusUpgrade() {
      super(MilvusUpgradeSpec.class, UnreadableMilvusUpgradeSpec::new);
    }
  }
}
