package io.milvus.operator.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A kubeconfig file with one cluster, one context and no credentials, for a local API server. */
record Kubeconfig(Path path) {

  static final String CONTEXT = "milvus-sandbox";

  /** The file's text for an API server at {@code serverUrl}; kubectl works in namespace default. */
  static String render(String serverUrl) {
    String server = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        users:
        - name: %1$s
          user: {}
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: default
        current-context: %1$s
        """.formatted(CONTEXT, server);
  }

  /** Writes the file (replacing it in one step, so kubectl never reads half of it) and returns its absolute path. */
  static Kubeconfig write(Path path, String serverUrl) {
    Path target = path.toAbsolutePath().normalize();
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".kubeconfig", ".tmp");
      Files.writeString(temp, render(serverUrl), StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kubeconfig " + target, e);
    }
    return new Kubeconfig(target);
  }

  void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // best effort: a stale file only points at a port nobody listens on
    }
  }
}
