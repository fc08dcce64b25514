package io.milvus.operator.migration.version;

/** What the version check says about a command. */
public sealed interface GateDecision {
  /** The command may go ahead; the note (may be empty) is worth logging. */
  record Proceed(String note) implements GateDecision {
    public Proceed() {
      this("");
    }
  }

  /** Nothing to do; the tool exits with success. */
  record NoNeed(String reason) implements GateDecision {}

  /** The versions do not fit this tool; the tool exits with failure. */
  record Refuse(String reason) implements GateDecision {}
}
