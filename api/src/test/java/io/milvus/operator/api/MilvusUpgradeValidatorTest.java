package io.milvus.operator.api;

import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.assertj.core.api.Assertions.assertThat;

/** A user asks for a 2.1 to 2.2+ metadata migration; anything else is refused with the right way to do it. */
class MilvusUpgradeValidatorTest {

  private static final String REFERENCE = "milvus: {namespace: default, name: my-release}, ";

  @Test
  @DisplayName("the seed document's MilvusUpgrade is valid")
  void seedIsValid() {
    assertThat(MilvusUpgradeValidator.validate(TestResources.milvusUpgrade("resources/seed/milvusupgrade.yaml"))).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "v2.1.4, v2.4.23",
      "2.1.4, 2.2.0",
      "2.1, 2.2",
      "v2.1.0, v2.2.0",
      "V2.1.4, v2.6.11",
  })
  @DisplayName("a migration from 2.1.x to 2.2.0 or later is valid, with or without the v")
  void validVersionPairs(String source, String target) {
    if (source.startsWith("V")) {
      // an uppercase V is not a version prefix: the check must say so
      assertThat(validate("sourceVersion: '" + source + "', targetVersion: '" + target + "'"))
          .anySatisfy(p -> assertThat(p.field()).isEqualTo("spec.sourceVersion"));
      return;
    }
    assertThat(validate("sourceVersion: '" + source + "', targetVersion: '" + target + "'")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "a pre-release source        | sourceVersion: 2.0.0-rc1, targetVersion: 2.2.0   | spec.sourceVersion | sourceVersion must be a release, not the pre-release v2.0.0-rc1",
      "a 2.0 source                | sourceVersion: v2.0.2, targetVersion: v2.2.0     | spec.sourceVersion | sourceVersion must be 2.1.x, got v2.0.2",
      "a 2.2 source, no migration  | sourceVersion: v2.2.3, targetVersion: v2.4.23    | spec.sourceVersion | needs no metadata migration (only 2.1.x does): to upgrade it, change spec.components.image of the Milvus instead",
      "a 2.4 source, no migration  | sourceVersion: v2.4.5, targetVersion: v2.5.4     | spec.sourceVersion | change spec.components.image",
      "a source that is no version | sourceVersion: latest, targetVersion: v2.2.0     | spec.sourceVersion | sourceVersion must be a version like v2.1.4, got \"latest\"",
      "a development build source  | sourceVersion: master-2024, targetVersion: v2.2.0 | spec.sourceVersion | must be a version like",
      "no source                   | targetVersion: v2.2.0                            | spec.sourceVersion | sourceVersion is required, e.g. v2.1.4",
      "a target before 2.2         | sourceVersion: 2.1.0, targetVersion: 2.1.9       | spec.targetVersion | targetVersion must be v2.2.0 or later, got v2.1.9",
      "a target going back         | sourceVersion: 2.1.0, targetVersion: 2.0.0       | spec.targetVersion | targetVersion must be v2.2.0 or later, got v2.0.0",
      "a pre-release target        | sourceVersion: 2.1.4, targetVersion: v2.2.0-rc1  | spec.targetVersion | not the pre-release v2.2.0-rc1",
      "no target                   | sourceVersion: 2.1.4                             | spec.targetVersion | targetVersion is required, e.g. v2.4.23",
      "a negative retry count      | sourceVersion: 2.1.4, targetVersion: 2.2.0, maxRetry: -1 | spec.maxRetry | maxRetry must be 0 or more, got -1",
      "an unknown operation        | sourceVersion: 2.1.4, targetVersion: 2.2.0, operation: downgrade | spec.operation | operation must be upgrade or rollback, got \"downgrade\"",
      "a malformed tool image      | sourceVersion: 2.1.4, targetVersion: 2.2.0, toolImage: 'Milvusdb/meta-migration:v2.2.0' | spec.toolImage | must be lowercase",
      "a malformed target image    | sourceVersion: 2.1.4, targetVersion: 2.2.0, targetImage: 'milvusdb/milvus:' | spec.targetImage | has an empty tag",
      "a backup PVC name with _    | sourceVersion: 2.1.4, targetVersion: 2.2.0, backupPVC: my_backup | spec.backupPVC | PersistentVolumeClaim name \"my_backup\"",
  })
  @DisplayName("a wrong MilvusUpgrade is reported on the field that is wrong")
  void reportsTheMistake(String story, String fields, String field, String messagePart) {
    assertThat(validate(fields))
        .as(story)
        .anySatisfy(problem -> {
          assertThat(problem.field()).isEqualTo(field);
          assertThat(problem.message()).contains(messagePart);
        });
  }

  @Test
  @DisplayName("the Milvus to migrate must be named")
  void milvusNameIsRequired() {
    MilvusUpgrade withoutReference = TestResources.milvusUpgradeWithSpec("{sourceVersion: 2.1.4, targetVersion: 2.2.0}");
    MilvusUpgrade withoutName = TestResources.milvusUpgradeWithSpec(
        "{milvus: {namespace: default}, sourceVersion: 2.1.4, targetVersion: 2.2.0}");

    assertThat(MilvusUpgradeValidator.validate(withoutReference))
        .containsExactly(new ValidationProblem("spec.milvus.name", "name the Milvus to migrate in spec.milvus.name"));
    assertThat(MilvusUpgradeValidator.validate(withoutName)).extracting(ValidationProblem::field)
        .containsExactly("spec.milvus.name");
  }

  @Test
  @DisplayName("an empty MilvusUpgrade says which fields it needs")
  void requiredFields() {
    MilvusUpgrade empty = new MilvusUpgrade();
    MilvusUpgrade withoutSpec = new MilvusUpgrade();
    withoutSpec.setSpec(null);

    assertThat(MilvusUpgradeValidator.validate(empty)).extracting(ValidationProblem::field)
        .containsExactly("spec.milvus.name", "spec.sourceVersion", "spec.targetVersion");
    assertThat(MilvusUpgradeValidator.validate(withoutSpec)).extracting(ValidationProblem::field).containsExactly("spec");
  }

  private static java.util.List<ValidationProblem> validate(String fields) {
    return MilvusUpgradeValidator.validate(TestResources.milvusUpgradeWithSpec("{" + REFERENCE + fields + "}"));
  }
}
