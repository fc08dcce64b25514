package io.milvus.operator.migration.config;

import java.util.Locale;
import java.util.Optional;

/** The three commands of the tool, selected by {@code cmd.type}. */
public enum Command {
  BACKUP,
  RUN,
  ROLLBACK;

  public static Optional<Command> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "backup" -> Optional.of(BACKUP);
      case "run" -> Optional.of(RUN);
      case "rollback" -> Optional.of(ROLLBACK);
      default -> Optional.empty();
    };
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
