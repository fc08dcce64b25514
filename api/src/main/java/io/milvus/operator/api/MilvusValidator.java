package io.milvus.operator.api;

import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusSpec;
import io.milvus.operator.api.v1beta1.UnreadableSpec;
import java.util.List;

/**
 * Checks a Milvus resource as the user wrote it, before defaults: what the CRD schema cannot say, and again
 * what it can, since the operator may run against a CRD without the rules. A resource with problems is not
 * acted on; each problem names the field and says what to write instead.
 */
public final class MilvusValidator {

  static final List<String> MODES = List.of(MilvusDefaults.MODE_STANDALONE, MilvusDefaults.MODE_CLUSTER);

  private MilvusValidator() {}

  /** The problems of {@code milvus}; empty when it is valid. */
  public static List<ValidationProblem> validate(Milvus milvus) {
    Problems problems = new Problems();
    MilvusSpec spec = milvus == null ? null : milvus.getSpec();
    if (spec == null) {
      return problems.list();
    }
    if (spec instanceof UnreadableSpec unreadable) {
      return unreadable.readProblems();
    }
    problems.oneOf("spec.mode", spec.getMode(), MODES);
    boolean cluster = MilvusDefaults.MODE_CLUSTER.equals(spec.getMode());
    ComponentChecks.check(problems, spec.getComponents(), cluster);
    DependencyChecks.check(problems, spec, cluster);
    OwnedConfigKeys.check(problems, spec.getConfig());
    return problems.list();
  }
}
