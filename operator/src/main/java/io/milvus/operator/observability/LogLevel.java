package io.milvus.operator.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** The root log level chosen on the command line (the Go operator's {@code --zap-log-level}). */
public final class LogLevel {

  private LogLevel() {}

  /** @param level DEBUG, INFO, WARN or ERROR */
  public static void apply(String level) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
    }
  }
}
