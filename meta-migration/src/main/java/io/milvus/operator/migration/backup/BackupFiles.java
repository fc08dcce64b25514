package io.milvus.operator.migration.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Saves a backup so that a crash never leaves a half-written file under the final name. */
public final class BackupFiles {
  private BackupFiles() {}

  /**
   * Writes to a temporary file beside the target (mode 0600), syncs it, then renames it; returns the size. Whatever
   * fails, the temporary file is removed and the target is left as it was.
   */
  public static long save(BackupFile backup, Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + absolute.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    boolean saved = false;
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(temp);
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        BackupCodec.write(backup, out);
        out.flush();
        channel.force(true);
      }
      Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      saved = true;
      return Files.size(absolute);
    } finally {
      if (!saved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Reads a backup and checks it against its header (entry count, and content digest when present). */
  public static LoadedBackup read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return BackupCodec.read(in);
    }
  }

  /** {@link #read}, for callers that need not know whether a digest was verified. */
  public static BackupFile load(Path file) throws IOException {
    return read(file).backup();
  }
}
