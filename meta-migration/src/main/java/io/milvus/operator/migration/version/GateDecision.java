package io.milvus.operator.migration.version;

/** What the version check says about a command. */
public sealed interface GateDecision {
  /** The command may go ahead. */
  record Proceed() implements GateDecision {}

  /** Nothing to do; the tool exits with success. */
  record NoNeed(String reason) implements GateDecision {}

  /** The versions do not fit this tool; the tool exits with failure. */
  record Refuse(String reason) implements GateDecision {}
}
