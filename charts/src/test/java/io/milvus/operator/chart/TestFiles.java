package io.milvus.operator.chart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test resources and files of the repository, read and (on purpose only) rewritten. */
final class TestFiles {

  private TestFiles() {}

  static Path resource(String name) {
    URL url = TestFiles.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("No test resource " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static String classpathText(String name) {
    try (InputStream in = TestFiles.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("Not on the classpath: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the build was asked to rewrite the checked-in copy named by {@code property}. */
  static boolean updateRequested(String property) {
    return Boolean.getBoolean(property);
  }
}
