package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom resource's columns from its CRD version's {@code additionalPrinterColumns}, computed as the API server
 * does: Name first, string columns as text, date columns as ages, a path that finds nothing as an empty cell.
 */
final class CrdTablePrinter implements TablePrinter {

  private record PrinterColumn(Column column, SimpleJsonPath path) {
  }

  private final List<PrinterColumn> printerColumns;

  private CrdTablePrinter(List<PrinterColumn> printerColumns) {
    this.printerColumns = printerColumns;
  }

  /** The printer for a CRD's version entry (an element of {@code spec.versions}); Name and Age if it has no columns. */
  static TablePrinter forVersion(JsonNode crdVersion) {
    JsonNode columns = crdVersion.path("additionalPrinterColumns");
    if (!columns.isArray() || columns.isEmpty()) {
      return NAME_AND_AGE;
    }
    List<PrinterColumn> printerColumns = new ArrayList<>();
    for (JsonNode c : columns) {
      String type = c.path("type").asText("string");
      printerColumns.add(new PrinterColumn(
          new Column(c.path("name").asText(), type, c.path("format").asText(""), c.path("description").asText(""),
              c.path("priority").asInt(0)),
          SimpleJsonPath.compile(c.path("jsonPath").asText())));
    }
    return new CrdTablePrinter(List.copyOf(printerColumns));
  }

  @Override
  public List<Column> columns() {
    List<Column> columns = new ArrayList<>();
    columns.add(Column.nameColumn());
    // the API server declares dates (shown as ages) and booleans as strings
    printerColumns.forEach(p -> {
      Column c = p.column();
      String type = c.type().equals("integer") || c.type().equals("number") ? c.type() : "string";
      columns.add(new Column(c.name(), type, c.format(), c.description(), c.priority()));
    });
    return columns;
  }

  @Override
  public List<Object> cells(JsonNode object, Instant now) {
    List<Object> cells = new ArrayList<>();
    cells.add(object.path("metadata").path("name").asText());
    for (PrinterColumn p : printerColumns) {
      List<JsonNode> found = p.path().find(object);
      cells.add(found.isEmpty() ? null : cell(p.column().type(), found.get(0), now));
    }
    return cells;
  }

  private static Object cell(String type, JsonNode value, Instant now) {
    switch (type) {
      case "date":
        return value.isTextual() ? HumanDuration.since(value.asText(), now) : null;
      case "integer":
        return value.isIntegralNumber() ? value.asLong() : null;
      case "number":
        return value.isNumber() ? value.numberValue() : null;
      case "boolean":
        return value.isBoolean() ? value.asBoolean() : null;
      default:
        return value.isValueNode() ? value.asText() : value.toString();
    }
  }
}
