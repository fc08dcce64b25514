package io.milvus.operator.api;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference, {@code [registry[:port]/]repository[:tag][@digest]}, checked against the
 * grammar container runtimes apply, so a typo is reported on the Milvus resource instead of as an
 * {@code InvalidImageName} pod.
 *
 * @param registry the registry host and port, or null for Docker Hub
 * @param repository the path, e.g. {@code milvusdb/milvus}
 * @param tag the tag, or null
 * @param digest the digest, e.g. {@code sha256:...}, or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

  private static final Pattern HOST_COMPONENT = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?");
  private static final Pattern IPV6_HOST = Pattern.compile("\\[[0-9A-Fa-f:.]+\\]");
  private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Pattern SHA256_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final int MAX_NAME_LENGTH = 255;

  /** The reference, or empty when {@code image} is malformed (see {@link #findProblem}). */
  public static Optional<ImageReference> parse(String image) {
    return Optional.ofNullable(analyse(image).reference());
  }

  /** Why {@code image} is not a valid reference, as a sentence; empty when it is valid or blank (unset). */
  public static Optional<String> findProblem(String image) {
    if (image == null || image.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(analyse(image).problem());
  }

  private record Analysis(ImageReference reference, String problem) {
    static Analysis invalid(String problem) {
      return new Analysis(null, problem);
    }
  }

  private static Analysis analyse(String image) {
    if (image == null || image.isEmpty()) {
      return Analysis.invalid("image is empty");
    }
    String quoted = "\"" + image + "\"";
    if (image.chars().anyMatch(Character::isWhitespace)) {
      return Analysis.invalid("image " + quoted + " must not contain spaces");
    }
    String nameAndTag = image;
    String digest = null;
    int at = image.indexOf('@');
    if (at >= 0) {
      nameAndTag = image.substring(0, at);
      digest = image.substring(at + 1);
      if (!DIGEST.matcher(digest).matches() || (digest.startsWith("sha256:") && !SHA256_DIGEST.matcher(digest).matches())) {
        return Analysis.invalid("the digest of image " + quoted + " must be sha256: followed by 64 lowercase hex digits");
      }
    }
    String name = nameAndTag;
    String tag = null;
    int colon = nameAndTag.lastIndexOf(':');
    if (colon > nameAndTag.lastIndexOf('/')) {
      name = nameAndTag.substring(0, colon);
      tag = nameAndTag.substring(colon + 1);
      if (tag.isEmpty()) {
        return Analysis.invalid("image " + quoted + " has an empty tag: write " + name + ":<tag>, or drop the ':'");
      }
      if (!TAG.matcher(tag).matches()) {
        return Analysis.invalid("the tag of image " + quoted + " must be at most 128 letters, digits, '_', '.' or '-',"
            + " not starting with '.' or '-'");
      }
    }
    if (name.isEmpty()) {
      return Analysis.invalid("image " + quoted + " has no repository, e.g. milvusdb/milvus");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return Analysis.invalid("the repository of image " + quoted + " is longer than " + MAX_NAME_LENGTH + " characters");
    }
    String registry = null;
    String repository = name;
    int slash = name.indexOf('/');
    if (slash > 0 && looksLikeRegistry(name.substring(0, slash))) {
      registry = name.substring(0, slash);
      repository = name.substring(slash + 1);
      if (!isValidRegistry(registry)) {
        return Analysis.invalid("the registry of image " + quoted + " must be a host name with an optional :port");
      }
    }
    for (String component : repository.split("/", -1)) {
      if (PATH_COMPONENT.matcher(component).matches()) {
        continue;
      }
      if (PATH_COMPONENT.matcher(component.toLowerCase(Locale.ROOT)).matches()) {
        return Analysis.invalid("the repository of image " + quoted + " must be lowercase: "
            + (registry == null ? "" : registry + "/") + repository.toLowerCase(Locale.ROOT));
      }
      return Analysis.invalid("the repository of image " + quoted + " must be lowercase letters and digits separated"
          + " by '/', '.', '_' or '-', e.g. milvusdb/milvus");
    }
    return new Analysis(new ImageReference(registry, repository, tag, digest), null);
  }

  /** As Docker decides: the first path component names a registry if it has a '.' or a port, or is localhost. */
  private static boolean looksLikeRegistry(String first) {
    return first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[");
  }

  private static boolean isValidRegistry(String registry) {
    String host = registry;
    int portColon = registry.lastIndexOf(':');
    if (portColon > registry.lastIndexOf(']')) {
      String port = registry.substring(portColon + 1);
      if (!port.matches("[0-9]{1,5}")) {
        return false;
      }
      host = registry.substring(0, portColon);
    }
    if (IPV6_HOST.matcher(host).matches()) {
      return true;
    }
    for (String component : host.split("\\.", -1)) {
      if (!HOST_COMPONENT.matcher(component).matches()) {
        return false;
      }
    }
    return true;
  }
}
