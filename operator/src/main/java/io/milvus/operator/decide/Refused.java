package io.milvus.operator.decide;

/** A spec refused: nothing is written to the cluster; the report (status, Warning) says what to fix. */
public record Refused(Report report) implements Admission, MilvusDecision {}
