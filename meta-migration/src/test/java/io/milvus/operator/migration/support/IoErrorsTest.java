package io.milvus.operator.migration.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoErrorsTest {

  @Test
  void aMissingFileSaysSoLikeTheOperatingSystem(@TempDir Path dir) {
    Path missing = dir.resolve("migration.bak");
    IOException error = catchThrowableOfType(IOException.class, () -> Files.readAllBytes(missing));

    assertThat(IoErrors.describe(error, missing)).isEqualTo("no such file or directory");
    assertThat(IoErrors.describe(error, dir)).isEqualTo(missing + ": no such file or directory");
  }

  @Test
  void aFileInPlaceOfADirectoryNamesTheFileAndTheReason(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("data"), "a file, not a directory");
    Path backup = file.resolve("migration.bak");
    IOException error = catchThrowableOfType(IOException.class, () -> Files.writeString(backup, "x"));

    assertThat(IoErrors.describe(error, backup)).containsIgnoringCase("not a directory");
  }

  @Test
  void exceptionsWithoutReasonGetTheOperatingSystemsWords() {
    assertThat(IoErrors.describe(new AccessDeniedException("/milvus/data/migration.bak"), Path.of("/elsewhere")))
        .isEqualTo("/milvus/data/migration.bak: permission denied");
    assertThat(IoErrors.describe(new IOException("No space left on device"), Path.of("/x")))
        .isEqualTo("No space left on device");
  }
}
