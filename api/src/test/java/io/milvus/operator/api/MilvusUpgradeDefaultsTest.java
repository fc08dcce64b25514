package io.milvus.operator.api;

import io.milvus.operator.api.v1beta1.MilvusUpgradeSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.assertj.core.api.Assertions.assertThat;

/** The seed's commented defaults, applied in memory. */
class MilvusUpgradeDefaultsTest {

  private static final String TOOL_IMAGE = "milvusdb/meta-migration:v2.2.0";

  @Test
  @DisplayName("the seed's MilvusUpgrade gets the defaults its comments list")
  void seedGetsTheDocumentedDefaults() {
    MilvusUpgradeSpec spec = TestResources.milvusUpgrade("resources/seed/milvusupgrade.yaml").getSpec();

    MilvusUpgradeSpec defaulted = MilvusUpgradeDefaults.apply(spec, TOOL_IMAGE);

    assertThat(defaulted.getTargetImage()).isEqualTo("milvusdb/milvus:v2.4.23");
    assertThat(defaulted.getToolImage()).isEqualTo(TOOL_IMAGE);
    assertThat(defaulted.getOperation()).isEqualTo("upgrade");
    assertThat(defaulted.getRollbackIfFailed()).isTrue();
    assertThat(defaulted.getMaxRetry()).isEqualTo(3);
    assertThat(defaulted.getBackupPVC()).isNull();
  }

  @ParameterizedTest
  @CsvSource({"v2.4.23, milvusdb/milvus:v2.4.23", "2.4.23, milvusdb/milvus:v2.4.23", "2.2, milvusdb/milvus:v2.2"})
  @DisplayName("the target image is the official one tagged with the target version, v included")
  void targetImageFromTargetVersion(String targetVersion, String expectedImage) {
    MilvusUpgradeSpec spec = new MilvusUpgradeSpec();
    spec.setTargetVersion(targetVersion);

    assertThat(MilvusUpgradeDefaults.apply(spec, TOOL_IMAGE).getTargetImage()).isEqualTo(expectedImage);
  }

  @Test
  @DisplayName("what the user wrote wins, false and 0 included")
  void userValuesWin() {
    MilvusUpgradeSpec spec = TestResources.milvusUpgradeWithSpec("""
        {milvus: {name: m}, sourceVersion: 2.1.4, targetVersion: 2.2.0, targetImage: 'my.registry/milvus:custom',
         toolImage: 'my.registry/meta-migration:fixed', operation: rollback, maxRetry: 0, rollbackIfFailed: false,
         backupPVC: my-backup}""").getSpec();

    MilvusUpgradeSpec defaulted = MilvusUpgradeDefaults.apply(spec, TOOL_IMAGE);

    assertThat(defaulted.getTargetImage()).isEqualTo("my.registry/milvus:custom");
    assertThat(defaulted.getToolImage()).isEqualTo("my.registry/meta-migration:fixed");
    assertThat(defaulted.getOperation()).isEqualTo("rollback");
    assertThat(defaulted.getMaxRetry()).isZero();
    assertThat(defaulted.getRollbackIfFailed()).isFalse();
    assertThat(defaulted.getBackupPVC()).isEqualTo("my-backup");
  }

  @Test
  @DisplayName("defaults go to a copy: the user's spec is untouched and unknown fields travel along")
  void theUserSpecIsNotChanged() {
    MilvusUpgradeSpec spec = TestResources.milvusUpgradeWithSpec(
        "{milvus: {name: m}, sourceVersion: 2.1.4, targetVersion: 2.2.0, futureField: x}").getSpec();

    MilvusUpgradeSpec defaulted = MilvusUpgradeDefaults.apply(spec, TOOL_IMAGE);

    assertThat(defaulted).isNotSameAs(spec);
    assertThat(spec.getTargetImage()).isNull();
    assertThat(spec.getMaxRetry()).isNull();
    assertThat(defaulted.getAdditionalProperties()).containsEntry("futureField", "x");
    assertThat(defaulted.getMilvus()).isNotSameAs(spec.getMilvus());
  }

  @Test
  @DisplayName("without a target version there is no target image to guess")
  void noTargetVersionNoTargetImage() {
    assertThat(MilvusUpgradeDefaults.apply(null, TOOL_IMAGE).getTargetImage()).isNull();
  }
}
