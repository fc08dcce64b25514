package io.milvus.operator.migration.support;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Turns a file-system failure into the sentence a person needs: which file, and the operating system's reason. */
public final class IoErrors {
  private IoErrors() {}

  /** The OS reason, prefixed with the file it concerns unless that is {@code subject}, which the caller names. */
  public static String describe(IOException error, Path subject) {
    if (error instanceof FileSystemException fs) {
      boolean named = fs.getFile() == null || Path.of(fs.getFile()).toAbsolutePath().equals(subject.toAbsolutePath());
      String file = named ? "" : fs.getFile() + ": ";
      String other = fs.getOtherFile() == null ? "" : " (and " + fs.getOtherFile() + ")";
      return file + reason(fs) + other;
    }
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }

  /** Java gives these exceptions without the OS text: say it as the OS would. */
  private static String reason(FileSystemException error) {
    if (error.getReason() != null) {
      return error.getReason();
    }
    if (error instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (error instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (error instanceof FileAlreadyExistsException) {
      return "file exists";
    }
    if (error instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (error instanceof DirectoryNotEmptyException) {
      return "directory not empty";
    }
    return error.getClass().getSimpleName();
  }
}
