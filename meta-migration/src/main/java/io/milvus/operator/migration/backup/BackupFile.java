package io.milvus.operator.migration.backup;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.config.MetaPaths;
import io.milvus.operator.migration.support.KeyspaceDigest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of a backup file. Entries map etcd keys to values as raw bytes. In a full dump
 * ({@code entriesIncludeRootPath}) each key is the whole etcd key; in upstream's early format it is relative to
 * {@code instance/metaPath}.
 */
public record BackupFile(String instance, String metaPath, boolean entriesIncludeRootPath,
    Map<ByteString, ByteString> entries) {

  public BackupFile {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** A raw dump of every key under {@code metaRoot}, as this tool and upstream's late tool write it. */
  public static BackupFile fullDump(String metaRoot, Map<ByteString, ByteString> entries) {
    int slash = metaRoot.lastIndexOf('/');
    String instance = slash < 0 ? "" : metaRoot.substring(0, slash);
    String metaPath = metaRoot.substring(slash + 1);
    return new BackupFile(instance, metaPath, true, entries);
  }

  /** SHA-256 of the entries as stored (keys as the file holds them), independent of their order. */
  public String digest() {
    return KeyspaceDigest.ofRawKeys(entries);
  }

  /**
   * The entries keyed by full etcd key, whichever format the file has; keys of the early format are relative and
   * resolved against {@code metaRoot} (which the caller has checked to be the backup's own root).
   */
  public Map<ByteString, ByteString> absoluteEntries(String metaRoot) {
    if (entriesIncludeRootPath) {
      return entries;
    }
    Map<ByteString, ByteString> resolved = new LinkedHashMap<>();
    entries.forEach((key, value) -> resolved.put(
        ByteString.copyFromUtf8(MetaPaths.join(metaRoot, key.toString(StandardCharsets.UTF_8))), value));
    return resolved;
  }
}
