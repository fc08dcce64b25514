package io.milvus.operator.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A 2.1.x to 2.2+ metadata migration of one Milvus. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MilvusUpgradeSpec extends ExtensibleObject {

  @JsonPropertyDescription("The Milvus to migrate.")
  @Required
  private MilvusReference milvus;

  @JsonPropertyDescription("The 2.1.x version Milvus runs now, e.g. v2.1.4.")
  @Required
  @ValidationRule(value = SchemaRules.RELEASE_VERSION_CEL, message = "sourceVersion must be a release version like v2.1.4")
  private String sourceVersion;

  @JsonPropertyDescription("The version to migrate to, 2.2.0 or later, e.g. v2.4.23.")
  @Required
  @ValidationRule(value = SchemaRules.RELEASE_VERSION_CEL, message = "targetVersion must be a release version like v2.4.23")
  private String targetVersion;

  @JsonPropertyDescription("The image Milvus runs after the migration; milvusdb/milvus:<targetVersion> by default.")
  private String targetImage;

  @JsonPropertyDescription("The meta-migration tool image; the operator's --upgrade-tool-image (milvusdb/meta-migration:v2.2.0-bugfix-20230112) by default.")
  private String toolImage;

  @JsonPropertyDescription("upgrade (default) migrates from sourceVersion to targetVersion; rollback restores the metadata backed up by an earlier upgrade.")
  @ValidationRule(value = "self in ['upgrade', 'rollback']", message = "operation must be upgrade or rollback")
  private String operation;

  @JsonPropertyDescription("How many times a failed backup is retried (default 3).")
  @Min(0)
  private Integer maxRetry;

  @JsonPropertyDescription("Roll back by itself when a step fails: restore the backed-up metadata and start the old version again (default true).")
  private Boolean rollbackIfFailed;

  @JsonPropertyDescription("The PVC that receives the metadata backup; when empty the operator creates one and keeps it after the upgrade.")
  @Pattern(SchemaRules.DNS1123_SUBDOMAIN_OR_EMPTY)
  private String backupPVC;

  public MilvusReference getMilvus() {
    return milvus;
  }

  public void setMilvus(MilvusReference milvus) {
    this.milvus = milvus;
  }

  public String getSourceVersion() {
    return sourceVersion;
  }

  public void setSourceVersion(String sourceVersion) {
    this.sourceVersion = sourceVersion;
  }

  public String getTargetVersion() {
    return targetVersion;
  }

  public void setTargetVersion(String targetVersion) {
    this.targetVersion = targetVersion;
  }

  public String getTargetImage() {
    return targetImage;
  }

  public void setTargetImage(String targetImage) {
    this.targetImage = targetImage;
  }

  public String getToolImage() {
    return toolImage;
  }

  public void setToolImage(String toolImage) {
    this.toolImage = toolImage;
  }

  public String getOperation() {
    return operation;
  }

  public void setOperation(String operation) {
    this.operation = operation;
  }

  public Integer getMaxRetry() {
    return maxRetry;
  }

  public void setMaxRetry(Integer maxRetry) {
    this.maxRetry = maxRetry;
  }

  public Boolean getRollbackIfFailed() {
    return rollbackIfFailed;
  }

  public void setRollbackIfFailed(Boolean rollbackIfFailed) {
    this.rollbackIfFailed = rollbackIfFailed;
  }

  public String getBackupPVC() {
    return backupPVC;
  }

  public void setBackupPVC(String backupPVC) {
    this.backupPVC = backupPVC;
  }
}
