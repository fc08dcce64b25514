package io.milvus.operator.migration.meta;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.proto.IndexState;
import io.milvus.operator.migration.proto.v21.IndexMeta;
import io.milvus.operator.migration.proto.v21.SegmentIndexInfo;
import io.milvus.operator.migration.proto.v22.SegmentIndex;
import io.milvus.operator.migration.support.MigrationException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One {@code segment-index/<coll>/<part>/<seg>/<build>} per 2.1 segment-index record, merged with the build record
 * {@code indexes/<buildID>} that 2.1's IndexCoord kept apart.
 */
final class SegmentIndexConverter {
  private record SegmentAndIndex(long segmentId, long indexId) {}

  private SegmentIndexConverter() {}

  static SortedMap<String, ByteString> convert(Keyspace keyspace, List<String> notes) {
    Map<Long, ByteString> builds = buildRecords(keyspace, notes);
    BuildIdAllocator syntheticIds = BuildIdAllocator.avoiding(builds.keySet());
    SortedMap<String, ByteString> out = new TreeMap<>();
    Set<Long> usedBuilds = new HashSet<>();
    for (SegmentIndexInfo info : segmentIndexRecords(keyspace, notes).values()) {
      ByteString buildValue = builds.get(info.getBuildID());
      usedBuilds.add(info.getBuildID());
      IndexMeta build;
      if (buildValue != null) {
        build = Protos.parse(IndexMeta.parser(), MetaKeys.BUILD_METAS_21 + info.getBuildID(), buildValue);
      } else if (info.getBuildID() == 0 && !info.getEnableIndex()) {
        long id = syntheticIds.next();
        notes.add("segment " + info.getSegmentID() + " index " + info.getIndexID()
            + " was never built (index disabled): recorded as a finished build without files (internal build ID "
            + id + ", stored build ID stays 0)");
        build = IndexMeta.newBuilder().setIndexBuildID(id).setState(IndexState.FINISHED).setIndexVersion(1).build();
      } else {
        throw new MigrationException("segment " + info.getSegmentID() + " index " + info.getIndexID()
            + " refers to build " + info.getBuildID() + ", which has no record at " + MetaKeys.BUILD_METAS_21
            + info.getBuildID());
      }
      String key = MetaKeys.segmentIndex(info.getCollectionID(), info.getPartitionID(), info.getSegmentID(),
          info.getBuildID());
      if (out.put(key, segmentIndex(info, build).toByteString()) != null) {
        notes.add("two segment-index records map to " + key + ": the later one is kept");
      }
    }
    long unused = builds.keySet().stream().filter(id -> !usedBuilds.contains(id)).count();
    if (unused > 0) {
      notes.add(unused + " build records under " + MetaKeys.BUILD_METAS_21
          + " belong to no segment-index record: dropped");
    }
    return out;
  }

  private static SegmentIndex segmentIndex(SegmentIndexInfo info, IndexMeta build) {
    SegmentIndex.Builder out = SegmentIndex.newBuilder()
        .setCollectionID(info.getCollectionID())
        .setPartitionID(info.getPartitionID())
        .setSegmentID(info.getSegmentID())
        .setNumRows(build.getReq().getNumRows())
        .setIndexID(info.getIndexID())
        .setBuildID(info.getBuildID())
        .setNodeID(build.getNodeID())
        .setIndexVersion(build.getIndexVersion())
        .setStateValue(build.getStateValue())
        .setFailReason(build.getFailReason())
        .setDeleted(build.getMarkDeleted())
        .setCreateTime(info.getCreateTime())
        .setSerializeSize(build.getSerializeSize())
        .setWriteHandoff(build.getState() == IndexState.FINISHED);
    build.getIndexFilePathsList().forEach(path -> out.addIndexFileKeys(MetaKeys.lastSegment(path)));
    return out.build();
  }

  /** Records in key order; a later record for the same (segment, index) replaces an earlier one. */
  private static Map<SegmentAndIndex, SegmentIndexInfo> segmentIndexRecords(Keyspace keyspace, List<String> notes) {
    Map<SegmentAndIndex, SegmentIndexInfo> records = new LinkedHashMap<>();
    for (Map.Entry<String, ByteString> e : keyspace.under(MetaKeys.SEGMENT_INDEXES_21).entrySet()) {
      if (Tombstone.is(e.getValue())) {
        notes.add("segment-index record " + e.getKey() + " is a tombstone: ignored");
        continue;
      }
      SegmentIndexInfo info = Protos.parse(SegmentIndexInfo.parser(), e.getKey(), e.getValue());
      SegmentAndIndex id = new SegmentAndIndex(info.getSegmentID(), info.getIndexID());
      if (records.remove(id) != null) {
        notes.add("segment " + info.getSegmentID() + " index " + info.getIndexID()
            + " has several records: the last one (" + e.getKey() + ") wins");
      }
      records.put(id, info);
    }
    return records;
  }

  private static Map<Long, ByteString> buildRecords(Keyspace keyspace, List<String> notes) {
    Map<Long, ByteString> builds = new TreeMap<>();
    for (Map.Entry<String, ByteString> e : keyspace.under(MetaKeys.BUILD_METAS_21).entrySet()) {
      String id = e.getKey().substring(MetaKeys.BUILD_METAS_21.length());
      if (!id.matches("-?\\d{1,19}")) {
        notes.add("build record key " + e.getKey() + " is not indexes/<buildID>: ignored");
        continue;
      }
      builds.put(Long.parseLong(id), e.getValue());
    }
    return builds;
  }
}
