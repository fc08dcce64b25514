package io.milvus.operator.decide;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * What a write did.
 *
 * @param write the write asked for
 * @param object the object as the API server answered (or as it was, when nothing was written)
 * @param outcome what changed
 * @param restored with {@link Outcome#RESTORED}: the owned fields someone changed, put back
 */
public record Written(Write write, HasMetadata object, Outcome outcome, List<String> restored) {

  public enum Outcome { CREATED, UPDATED, RESTORED, UNCHANGED, DELETED }
}
