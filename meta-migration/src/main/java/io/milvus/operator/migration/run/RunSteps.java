package io.milvus.operator.migration.run;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.meta.MetaKeys;
import io.milvus.operator.migration.meta.MigrationPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The order of writes, which is what makes a run restartable: nothing of 2.1 is destroyed until every new key and
 * then the progress marker are in etcd.
 */
public final class RunSteps {
  public static final String WRITE_NEW_KEYS = "write new 2.2 keys";
  public static final String RECORD_PROGRESS = "record progress marker";
  public static final String REENCODE_COLLECTIONS = "re-encode collections";
  public static final String DELETE_OLD_KEYS = "delete 2.1 keys";
  public static final String CLEAR_PROGRESS = "clear progress marker";

  private RunSteps() {}

  public static List<WriteStep> of(RunDecision decision) {
    List<WriteStep> steps = new ArrayList<>();
    if (decision instanceof RunDecision.Fresh fresh) {
      steps.add(WriteStep.puts(WRITE_NEW_KEYS, fresh.pending().additions()));
      TreeMap<String, ByteString> marker = new TreeMap<>();
      marker.put(MetaKeys.PROGRESS_MARKER, fresh.marker().encode());
      steps.add(WriteStep.puts(RECORD_PROGRESS, marker));
      steps.addAll(finishing(fresh.pending()));
    } else if (decision instanceof RunDecision.Resume resume) {
      steps.addAll(finishing(resume.finishing()));
    }
    return steps;
  }

  private static List<WriteStep> finishing(MigrationPlan plan) {
    TreeSet<String> marker = new TreeSet<>();
    marker.add(MetaKeys.PROGRESS_MARKER);
    return List.of(
        WriteStep.puts(REENCODE_COLLECTIONS, plan.rewrites()),
        WriteStep.deletes(DELETE_OLD_KEYS, plan.deletions()),
        WriteStep.deletes(CLEAR_PROGRESS, marker));
  }
}
