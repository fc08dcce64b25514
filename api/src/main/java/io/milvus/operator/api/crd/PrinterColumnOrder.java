package io.milvus.operator.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Build step, run after fabric8's CRD generator: puts each CRD's printer columns in the order the
 * {@link AdditionalPrinterColumn} annotations are declared on the resource class. The generator sorts them by
 * JSON path, which would make {@code kubectl get milvus} print AGE first.
 *
 * <p>Usage: {@code PrinterColumnOrder <crd directory> <resource class>...}
 */
public final class PrinterColumnOrder {

  private static final String HEADER =
      "# Generated at build time by fabric8's CRD generator from io.milvus.operator.api.v1beta1;"
          + " printer columns ordered by PrinterColumnOrder. Do not edit.\n";

  private PrinterColumnOrder() {}

  public static void main(String[] args) throws ClassNotFoundException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: PrinterColumnOrder <crd directory> <resource class>...");
    }
    Path directory = Path.of(args[0]);
    for (int i = 1; i < args.length; i++) {
      // not initialised: reading annotations needs no logging framework on the build's classpath
      Class<?> resource = Class.forName(args[i], false, PrinterColumnOrder.class.getClassLoader());
      Path crd = directory.resolve(crdFileName(resource));
      rewrite(crd, declaredColumnNames(resource));
    }
  }

  /** The generator's file name: {@code <plural>.<group>-v1.yml}. */
  static String crdFileName(Class<?> resource) {
    return resource.getAnnotation(Plural.class).value() + "." + resource.getAnnotation(Group.class).value() + "-v1.yml";
  }

  /** Column names in declaration order: what {@code kubectl get} should show, left to right. */
  static List<String> declaredColumnNames(Class<?> resource) {
    List<String> names = new ArrayList<>();
    for (AdditionalPrinterColumn column : resource.getAnnotationsByType(AdditionalPrinterColumn.class)) {
      names.add(column.name());
    }
    return names;
  }

  static void rewrite(Path crdFile, List<String> columnOrder) {
    // Plain scalars and unwrapped descriptions: the described CRD stays under the size CrdYamlTest allows.
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .disable(YAMLGenerator.Feature.SPLIT_LINES)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    try {
      JsonNode crd = yaml.readTree(crdFile.toFile());
      for (JsonNode version : crd.path("spec").path("versions")) {
        if (version.get("additionalPrinterColumns") instanceof ArrayNode columns) {
          ((ObjectNode) version).set("additionalPrinterColumns", ordered(columns, columnOrder));
        }
      }
      String written = yaml.writeValueAsString(crd);
      if (!yaml.readTree(written).equals(crd)) {
        throw new IllegalStateException("the rewritten CRD " + crdFile + " does not read back as written");
      }
      Files.writeString(crdFile, HEADER + written, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reorder the printer columns of " + crdFile, e);
    }
  }

  /** The columns sorted by their position in {@code columnOrder}; unknown ones keep their place at the end. */
  static ArrayNode ordered(ArrayNode columns, List<String> columnOrder) {
    List<JsonNode> sorted = new ArrayList<>();
    columns.forEach(sorted::add);
    sorted.sort((a, b) -> Integer.compare(rank(a, columnOrder), rank(b, columnOrder)));
    ArrayNode result = columns.arrayNode();
    sorted.forEach(result::add);
    return result;
  }

  private static int rank(JsonNode column, List<String> columnOrder) {
    int index = columnOrder.indexOf(column.path("name").asText());
    return index < 0 ? columnOrder.size() : index;
  }
}
