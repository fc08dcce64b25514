package io.milvus.operator.migration.run;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.support.Json;
import io.milvus.operator.migration.support.MigrationException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Written once every new 2.2 key is in etcd and before anything of 2.1 is destroyed; removed when the run is done.
 * Its digest covers every key under the 2.2 creation prefixes, so a resumed run can prove those keys are still the
 * complete, untouched result of the conversion.
 *
 * @param newKeys      number of keys the digest covers
 * @param backupDigest the content digest of the backup this run wrote or checked ({@code cmd.runWithBackup}), so
 *     that a resumed run knows the backup file is still that one; empty when the run took no backup
 */
public record ProgressMarker(String sourceVersion, String targetVersion, String digest, int newKeys,
    String createdAt, String backupDigest) {

  public ProgressMarker withBackupDigest(String value) {
    return new ProgressMarker(sourceVersion, targetVersion, digest, newKeys, createdAt, value);
  }

  public ByteString encode() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sourceVersion", sourceVersion);
    json.put("targetVersion", targetVersion);
    json.put("newKeysDigest", digest);
    json.put("newKeys", newKeys);
    json.put("createdAt", createdAt);
    if (!backupDigest.isEmpty()) {
      json.put("backupDigest", backupDigest);
    }
    return ByteString.copyFromUtf8(Json.write(json));
  }

  public static ProgressMarker decode(ByteString value) {
    try {
      Map<String, Object> json = Json.parseObject(value.toStringUtf8());
      Object digest = json.get("newKeysDigest");
      if (!(digest instanceof String d) || d.isEmpty()) {
        throw new IOException("no newKeysDigest");
      }
      Object keys = json.getOrDefault("newKeys", 0.0);
      return new ProgressMarker(String.valueOf(json.get("sourceVersion")), String.valueOf(json.get("targetVersion")),
          d, keys instanceof Double n ? n.intValue() : 0, String.valueOf(json.get("createdAt")),
          json.get("backupDigest") instanceof String backup ? backup : "");
    } catch (IOException e) {
      throw new MigrationException("the progress marker of an earlier run is unreadable (" + e.getMessage()
          + "); restore the backup with rollback", e);
    }
  }
}
