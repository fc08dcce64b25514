package io.milvus.operator.migration.backup;

/**
 * A backup read from a file, after its entry count was checked against the header.
 *
 * @param digestVerified the header carried a content digest and the content matches it; false for files without
 *     one (upstream's tool and this tool's earlier versions write none), whose content could not be verified
 */
public record LoadedBackup(BackupFile backup, boolean digestVerified) {}
