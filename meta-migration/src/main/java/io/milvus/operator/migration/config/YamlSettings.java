package io.milvus.operator.migration.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML document flattened to dotted, lower-case keys ({@code etcd.endpoints}), each with every scalar found
 * there in document order. Working on the node tree keeps repeated keys: the operator's template repeats
 * {@code endpoints:} once per endpoint, and all of them must count, not only the last.
 */
final class YamlSettings {
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  private YamlSettings() {}

  static YamlSettings parse(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true);
    Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
    YamlSettings settings = new YamlSettings();
    if (root != null) {
      settings.collect("", root);
    }
    return settings;
  }

  private void collect(String path, Node node) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          String name = key.getValue().trim().toLowerCase(Locale.ROOT);
          collect(path.isEmpty() ? name : path + "." + name, tuple.getValueNode());
        }
      }
    } else if (node instanceof SequenceNode sequence) {
      sequence.getValue().forEach(item -> collect(path, item));
    } else if (node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
      values.computeIfAbsent(path, k -> new ArrayList<>()).add(scalar.getValue());
    }
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  /** The last value given for the key (a later duplicate overrides an earlier one). */
  Optional<String> last(String key) {
    List<String> found = values.get(key.toLowerCase(Locale.ROOT));
    return found == null || found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1).trim());
  }

  /** Every value given for the key, in document order. */
  List<String> all(String key) {
    return values.getOrDefault(key.toLowerCase(Locale.ROOT), List.of());
  }
}
