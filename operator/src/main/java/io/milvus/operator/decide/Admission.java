package io.milvus.operator.decide;

import io.milvus.operator.render.RenderContext;
import java.util.Optional;

/**
 * Whether a Milvus's spec can be acted on at all, decided from the resource alone before anything is observed (the
 * observation reads Secrets and starts dependency checks, which a refused spec must not cost).
 */
public sealed interface Admission permits Admission.Admitted, Refused {

  /**
   * @param ctx the defaulted spec to render
   * @param overriddenRefusal an unsafe version jump the user allowed by annotation, told when it is rolled out
   */
  record Admitted(RenderContext ctx, Optional<String> overriddenRefusal) implements Admission {}
}
