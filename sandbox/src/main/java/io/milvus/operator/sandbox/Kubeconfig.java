package io.milvus.operator.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Optional;

/**
 * A kubeconfig file with one cluster, one context and no credentials, for a local API server; over HTTPS it carries
 * the certificate authority that clients must trust.
 */
record Kubeconfig(Path path) {

  static final String CONTEXT = "milvus-sandbox";

  /**
   * A bearer token for an HTTPS sandbox: kubectl prompts for a user name when an HTTPS server's user has no
   * credentials at all; the sandbox checks none, so this fixed, public value only keeps kubectl from asking.
   */
  static final String HTTPS_TOKEN = "milvus-sandbox";

  /** The file's text for an API server at {@code serverUrl}; kubectl works in namespace default. */
  static String render(String serverUrl, Optional<String> caCertificatePem) {
    String server = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
    String authority = caCertificatePem
        .map(pem -> "\n    certificate-authority-data: "
            + Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)))
        .orElse("");
    String user = caCertificatePem.isPresent() ? "{token: " + HTTPS_TOKEN + "}" : "{}";
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s%3$s
        users:
        - name: %1$s
          user: %4$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: default
        current-context: %1$s
        """.formatted(CONTEXT, server, authority, user);
  }

  /** Writes the file (replacing it in one step, so kubectl never reads half of it) and returns its absolute path. */
  static Kubeconfig write(Path path, String serverUrl, Optional<String> caCertificatePem) {
    Path target = path.toAbsolutePath().normalize();
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".kubeconfig", ".tmp");
      Files.writeString(temp, render(serverUrl, caCertificatePem), StandardCharsets.UTF_8);
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
