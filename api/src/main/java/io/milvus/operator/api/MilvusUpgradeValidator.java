package io.milvus.operator.api;

import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import io.milvus.operator.api.v1beta1.MilvusUpgradeSpec;
import io.milvus.operator.api.v1beta1.UnreadableSpec;
import java.util.List;
import java.util.Optional;

/**
 * Checks a MilvusUpgrade as the user wrote it. It only migrates metadata from 2.1.x to 2.2 or later: any other
 * upgrade is an image change on the Milvus resource, and the messages say so.
 */
public final class MilvusUpgradeValidator {

  static final List<String> OPERATIONS = List.of(MilvusUpgradeDefaults.OPERATION_UPGRADE, "rollback");
  /** The migration tool reads 2.1 metadata only. */
  static final MilvusVersion SOURCE_MINIMUM = MilvusVersion.of(2, 1, 0);
  /** 2.2.0 changed the metadata layout; from there on, upgrades need no migration. */
  static final MilvusVersion MIGRATED_LAYOUT = MilvusVersion.of(2, 2, 0);

  private MilvusUpgradeValidator() {}

  public static List<ValidationProblem> validate(MilvusUpgrade upgrade) {
    Problems problems = new Problems();
    MilvusUpgradeSpec spec = upgrade == null ? null : upgrade.getSpec();
    if (spec == null) {
      problems.add("spec", "a MilvusUpgrade needs spec.milvus.name, spec.sourceVersion and spec.targetVersion");
      return problems.list();
    }
    if (spec instanceof UnreadableSpec unreadable) {
      return unreadable.readProblems();
    }
    milvusReference(problems, spec);
    sourceVersion(problems, spec.getSourceVersion());
    targetVersion(problems, spec.getTargetVersion());
    problems.oneOf("spec.operation", spec.getOperation(), OPERATIONS);
    if (spec.getMaxRetry() != null && spec.getMaxRetry() < 0) {
      problems.add("spec.maxRetry", "maxRetry must be 0 or more, got " + spec.getMaxRetry());
    }
    problems.image("spec.targetImage", spec.getTargetImage());
    problems.image("spec.toolImage", spec.getToolImage());
    problems.objectName("spec.backupPVC", spec.getBackupPVC(), "PersistentVolumeClaim");
    return problems.list();
  }

  private static void milvusReference(Problems problems, MilvusUpgradeSpec spec) {
    var milvus = spec.getMilvus();
    if (milvus == null || Problems.isBlank(milvus.getName())) {
      problems.add("spec.milvus.name", "name the Milvus to migrate in spec.milvus.name");
      return;
    }
    problems.objectName("spec.milvus.name", milvus.getName(), "Milvus");
    String namespace = milvus.getNamespace();
    if (!Problems.isBlank(namespace) && !KubernetesNames.isDnsLabel(namespace)) {
      problems.add("spec.milvus.namespace", "namespace \"" + namespace + "\" is not a valid namespace name");
    }
  }

  private static void sourceVersion(Problems problems, String text) {
    String field = "spec.sourceVersion";
    release(problems, field, text, "v2.1.4").ifPresent(source -> {
      if (source.compareTo(SOURCE_MINIMUM) < 0) {
        problems.add(field, "sourceVersion must be 2.1.x, got " + source + ": the migration reads 2.1 metadata;"
            + " move to 2.1 first by changing spec.components.image of the Milvus");
      } else if (source.compareTo(MIGRATED_LAYOUT) >= 0) {
        problems.add(field, "Milvus " + source + " needs no metadata migration (only 2.1.x does): to upgrade it,"
            + " change spec.components.image of the Milvus instead and delete this MilvusUpgrade");
      }
    });
  }

  private static void targetVersion(Problems problems, String text) {
    String field = "spec.targetVersion";
    release(problems, field, text, "v2.4.23").ifPresent(target -> {
      if (target.compareTo(MIGRATED_LAYOUT) < 0) {
        problems.add(field, "targetVersion must be " + MIGRATED_LAYOUT + " or later, got " + target);
      }
    });
  }

  /** The version if {@code text} is a release version; otherwise a problem is added and the result is empty. */
  private static Optional<MilvusVersion> release(Problems problems, String field, String text, String example) {
    String name = Problems.lastSegment(field);
    if (Problems.isBlank(text)) {
      problems.add(field, name + " is required, e.g. " + example);
      return Optional.empty();
    }
    Optional<MilvusVersion> version = MilvusVersion.parse(text).filter(v -> !v.equals(MilvusVersion.DEVELOPMENT));
    if (version.isEmpty()) {
      problems.add(field, name + " must be a version like " + example + ", got \"" + text + "\"");
      return Optional.empty();
    }
    if (!version.get().preRelease().isEmpty()) {
      problems.add(field, name + " must be a release, not the pre-release " + version.get());
      return Optional.empty();
    }
    return version;
  }
}
