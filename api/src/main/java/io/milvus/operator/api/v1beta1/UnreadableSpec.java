package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvus.operator.api.ValidationProblem;
import java.util.List;

/**
 * A spec, as stored, that the model cannot read (see {@link LenientSpecDeserializer}). The resource is still served:
 * the reconciler reports {@link #readProblems()} on it and acts on nothing. Written back as stored, so no write of the
 * resource changes what the user wrote.
 *
 * <p>Its two implementations are twins on purpose: each must be an instance of its resource's spec class (a Milvus
 * holds a {@code MilvusSpec}, a MilvusUpgrade a {@code MilvusUpgradeSpec}), and a Java class cannot extend a type
 * parameter, so no one generic class can be both; what they share is this interface, which every reader uses.
 */
public interface UnreadableSpec {

  /** Each field that could not be read, with the type expected there. */
  List<ValidationProblem> readProblems();

  /** The spec exactly as stored. */
  JsonNode stored();
}
