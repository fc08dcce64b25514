package io.milvus.operator.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The chart as the real Helm engine renders it, and the rendered objects as fabric8 reads them. */
final class Chart {

  /** Relative to this module's directory, where Surefire runs. */
  static final Path DIR = Path.of("milvus-operator");
  static final String RELEASE = "milvus-operator";
  static final String NAMESPACE = "milvus-operator";

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Chart() {}

  static Helm helm() {
    return new Helm(DIR);
  }

  /** {@code helm template milvus-operator charts/milvus-operator -n milvus-operator [-f values]...}. */
  static String template(String... valuesResources) {
    TemplateCommand template = helm().template().withName(RELEASE).withNamespace(NAMESPACE);
    for (String values : valuesResources) {
      template = template.withValuesFile(TestFiles.resource(values));
    }
    return template.call();
  }

  /**
   * {@code helm lint --strict} with the given values on top of the defaults. Helm's lint reads only the chart's own
   * values.yaml, so the chart is copied to {@code workDir} with the merged values as its values.yaml.
   */
  @SuppressWarnings("unchecked")
  static LintResult lint(Path workDir, String... valuesResources) {
    Path copy = workDir.resolve(DIR.getFileName());
    try (Stream<Path> files = Files.walk(DIR)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = copy.resolve(DIR.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
      Map<String, Object> values = SERIALIZATION.unmarshal(Files.readString(DIR.resolve("values.yaml")), Map.class);
      for (String resource : valuesResources) {
        values = merged(values, SERIALIZATION.unmarshal(Files.readString(TestFiles.resource(resource)), Map.class));
      }
      Files.writeString(copy.resolve("values.yaml"), SERIALIZATION.asYaml(values));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Helm(copy).lint().strict().call();
  }

  /** Helm's rule: maps merge key by key, anything else replaces. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> override) {
    Map<String, Object> result = new LinkedHashMap<>(base);
    override.forEach((key, value) -> result.merge(key, value, (old, now) -> old instanceof Map && now instanceof Map
        ? merged((Map<String, Object>) old, (Map<String, Object>) now) : now));
    return result;
  }

  static List<HasMetadata> objects(String... valuesResources) {
    return parse(template(valuesResources));
  }

  static List<HasMetadata> parse(String yaml) {
    return Arrays.stream(DOCUMENT_SEPARATOR.split(yaml))
        .filter(doc -> doc.lines().anyMatch(l -> !l.isBlank() && !l.startsWith("#")))
        .map(doc -> (HasMetadata) SERIALIZATION.unmarshal(doc))
        .toList();
  }

  static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
    List<T> found = ofType(objects, type);
    if (found.size() != 1) {
      throw new AssertionError("Expected one " + type.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }

  static <T extends HasMetadata> Optional<T> named(List<HasMetadata> objects, Class<T> type, String name) {
    return ofType(objects, type).stream().filter(o -> Objects.equals(name, o.getMetadata().getName())).findFirst();
  }
}
