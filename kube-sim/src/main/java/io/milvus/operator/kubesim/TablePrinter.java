package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The columns {@code kubectl get} shows for one kind, as the API server computes them (server-side printing). */
interface TablePrinter {

  /** A column as a Table's {@code columnDefinitions} describe it; priority above 0 shows only with {@code -o wide}. */
  record Column(String name, String type, String format, String description, int priority) {
    static Column of(String name, String description) {
      return new Column(name, "string", "", description, 0);
    }

    static Column wide(String name, String description) {
      return new Column(name, "string", "", description, 1);
    }

    static Column nameColumn() {
      return new Column("Name", "string", "name", "Name must be unique within a namespace.", 0);
    }

    static Column ageColumn() {
      return Column.of("Age", "The time since the object was created.");
    }
  }

  List<Column> columns();

  /** One cell per column: a String, a Number, or null (kubectl prints {@code <none>}). */
  List<Object> cells(JsonNode object, Instant now);

  /** Name and Age: what the API server shows for a kind without printer columns. */
  TablePrinter NAME_AND_AGE = new TablePrinter() {
    @Override
    public List<Column> columns() {
      return List.of(Column.nameColumn(), Column.ageColumn());
    }

    @Override
    public List<Object> cells(JsonNode object, Instant now) {
      return List.of(object.path("metadata").path("name").asText(), age(object, now));
    }
  };

  static String age(JsonNode object, Instant now) {
    return HumanDuration.since(object.path("metadata").path("creationTimestamp").asText(null), now);
  }
}
