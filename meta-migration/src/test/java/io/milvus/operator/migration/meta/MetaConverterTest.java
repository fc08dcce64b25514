package io.milvus.operator.migration.meta;

import static io.milvus.operator.migration.fixtures.Meta21Fixture.TOMBSTONE;
import static io.milvus.operator.migration.fixtures.Meta21Fixture.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.milvus.operator.migration.fixtures.Meta21Fixture;
import io.milvus.operator.migration.fixtures.proto.CollectionInfo;
import io.milvus.operator.migration.fixtures.proto.CollectionSchema;
import io.milvus.operator.migration.fixtures.proto.FieldIndexInfo;
import io.milvus.operator.migration.fixtures.proto.FieldSchema;
import io.milvus.operator.migration.fixtures.proto.IndexInfo;
import io.milvus.operator.migration.fixtures.proto.QueryCollectionInfo;
import io.milvus.operator.migration.fixtures.proto.SegmentIndexInfo;
import io.milvus.operator.migration.proto.v22.SegmentIndex;
import io.milvus.operator.migration.support.MigrationException;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MetaConverterTest {

  private static Keyspace apply(Keyspace before, MigrationPlan plan) {
    TreeMap<String, ByteString> puts = new TreeMap<>(plan.additions());
    puts.putAll(plan.rewrites());
    return before.apply(puts, plan.deletions());
  }

  @Test
  void convertsTheFixtureToExactlyTheReferenceLayout() {
    Keyspace before = Keyspace.of(Meta21Fixture.keyspace21());
    Keyspace after = apply(before, MetaConverter.convert(before));

    SortedMap<String, ByteString> expected = Meta21Fixture.expected22();
    assertThat(after.entries().keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((key, value) -> assertThat(after.get(key)).as(key).isEqualTo(value));
  }

  @Test
  void explainsEveryDecisionInNotes() {
    MigrationPlan plan = MetaConverter.convert(Keyspace.of(Meta21Fixture.keyspace21()));

    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains("segment 5101", "never built"))
        .anySatisfy(n -> assertThat(n).contains("root-coord/index/1002/3100", "dropped"))
        .anySatisfy(n -> assertThat(n).contains("collection 1003 is dropped"))
        .anySatisfy(n -> assertThat(n).contains("collection 1004 is loaded but has no index"))
        .anySatisfy(n -> assertThat(n).contains("1 build records", "dropped"));
  }

  @Test
  void finishingIsIdempotentAndTheResultNeedsNothingMore() {
    Keyspace before = Keyspace.of(Meta21Fixture.keyspace21());
    Keyspace after = apply(before, MetaConverter.convert(before));

    assertThat(MetaConverter.finish(after).isEmpty()).isTrue();
    assertThat(MetaConverter.convert(after).pendingAgainst(after).isEmpty()).isTrue();
  }

  @Test
  void neverDeletesOrRewritesKeysOutsideThe21Layout() {
    MigrationPlan plan = MetaConverter.convert(Keyspace.of(Meta21Fixture.keyspace21()));

    assertThat(plan.deletions()).allSatisfy(key -> assertThat(MetaKeys.underAny(key, MetaKeys.CLEAN_21)).isTrue())
        .noneMatch(key -> key.startsWith("root-coord/collection/"))
        .noneMatch(key -> key.startsWith("queryCoord-collectionMeta/"));
    assertThat(plan.rewrites().keySet()).allMatch(key -> key.startsWith("root-coord/collection/")
        || key.startsWith("snapshots/root-coord/collection/"));
  }

  // ---------------------------------------------------------------- data the conversion must refuse

  private static SortedMap<String, ByteString> fixtureWith(String key, ByteString value) {
    SortedMap<String, ByteString> kv = Meta21Fixture.keyspace21();
    if (value == null) {
      kv.remove(key);
    } else {
      kv.put(key, value);
    }
    return kv;
  }

  @Test
  void refusesAFieldIndexWithoutItsIndexRecord() {
    Keyspace keyspace = Keyspace.of(fixtureWith("root-coord/index/1001/3001", null));

    assertThatThrownBy(() -> MetaConverter.convert(keyspace)).isInstanceOf(MigrationException.class)
        .hasMessageContaining("collection 1001").hasMessageContaining("root-coord/index/1001/3001");
  }

  @Test
  void refusesAFieldIndexOnAFieldMissingFromTheSchema() {
    CollectionInfo broken = CollectionInfo.newBuilder().setID(1005)
        .setSchema(CollectionSchema.newBuilder().setName("x")
            .addFields(FieldSchema.newBuilder().setFieldID(100).setName("pk")))
        .addFieldIndexes(FieldIndexInfo.newBuilder().setFiledID(999).setIndexID(3001)).build();

    assertThatThrownBy(() -> MetaConverter.convert(Keyspace.of(
        fixtureWith("root-coord/collection/1005", broken.toByteString()))))
        .hasMessageContaining("field 999");
  }

  @Test
  void refusesDuplicateFieldsInASchemaWithIndexes() {
    CollectionInfo broken = CollectionInfo.newBuilder().setID(1005)
        .setSchema(CollectionSchema.newBuilder().setName("x")
            .addFields(FieldSchema.newBuilder().setFieldID(100).setName("v"))
            .addFields(FieldSchema.newBuilder().setFieldID(101).setName("v")))
        .addFieldIndexes(FieldIndexInfo.newBuilder().setFiledID(100).setIndexID(3001)).build();

    assertThatThrownBy(() -> MetaConverter.convert(Keyspace.of(
        fixtureWith("root-coord/collection/1005", broken.toByteString()))))
        .hasMessageContaining("duplicate field");
  }

  @Test
  void refusesASegmentIndexWhoseBuildRecordIsMissing() {
    assertThatThrownBy(() -> MetaConverter.convert(Keyspace.of(fixtureWith("indexes/4002", null))))
        .hasMessageContaining("build 4002").hasMessageContaining("indexes/4002");
  }

  @Test
  void refusesBuildIdZeroWhenTheIndexWasEnabled() {
    ByteString enabledButUnbuilt = SegmentIndexInfo.newBuilder().setCollectionID(1002).setPartitionID(2102)
        .setSegmentID(5101).setIndexID(3101).setBuildID(0).setEnableIndex(true).build().toByteString();

    assertThatThrownBy(() -> MetaConverter.convert(Keyspace.of(
        fixtureWith("root-coord/segment-index/1002/3101/2102/5101", enabledButUnbuilt))))
        .hasMessageContaining("build 0");
  }

  @Test
  void refusesInconsistentPartitionArrays() {
    CollectionInfo broken = CollectionInfo.newBuilder().setID(1005)
        .setSchema(CollectionSchema.newBuilder().setName("x"))
        .addPartitionIDs(1).addPartitionIDs(2).addPartitionNames("_default").addPartitionCreatedTimestamps(1)
        .build();

    assertThatThrownBy(() -> MetaConverter.convert(Keyspace.of(
        fixtureWith("root-coord/collection/1005", broken.toByteString()))))
        .hasMessageContaining("2 partition IDs, 1 partition names");
  }

  @Test
  void refusesIndexParamsThatAreNotJson() {
    ByteString badParams = IndexInfo.newBuilder().setIndexName("i").setIndexID(3001)
        .addIndexParams(pair("params", "{nlist: 1024")).build().toByteString();

    assertThatThrownBy(() -> MetaConverter.convert(Keyspace.of(
        fixtureWith("root-coord/index/1001/3001", badParams))))
        .hasMessageContaining("'params' is not a JSON object");
  }

  @Test
  void refusesKeysItDoesNotUnderstandRatherThanDeletingThem() {
    assertThatThrownBy(() -> MetaConverter.convert(Keyspace.of(
        fixtureWith("root-coord/collection/not-a-number", TOMBSTONE))))
        .hasMessageContaining("unexpected key root-coord/collection/not-a-number");
    assertThatThrownBy(() -> MetaConverter.convert(Keyspace.of(
        fixtureWith("snapshots/root-coord/collection/1001", TOMBSTONE))))
        .hasMessageContaining("not a snapshot key");
  }

  // ---------------------------------------------------------------- smaller rules

  @Test
  void theLastRecordForTheSameSegmentAndIndexWins() {
    SortedMap<String, ByteString> kv = Meta21Fixture.keyspace21();
    // a second record for segment 5001 / index 3001 sorting after the first, pointing at another build
    kv.put("root-coord/segment-index/1001/3001/2001/5001~dup", SegmentIndexInfo.newBuilder().setCollectionID(1001)
        .setPartitionID(2001).setSegmentID(5001).setIndexID(3001).setBuildID(4999).setEnableIndex(true)
        .build().toByteString());

    MigrationPlan plan = MetaConverter.convert(Keyspace.of(kv));

    assertThat(plan.additions()).containsKey("segment-index/1001/2001/5001/4999")
        .doesNotContainKey("segment-index/1001/2001/5001/4001");
  }

  @Test
  void aNeverBuiltIndexBecomesAFinishedBuildWithoutFilesKeepingBuildIdZero() throws Exception {
    MigrationPlan plan = MetaConverter.convert(Keyspace.of(Meta21Fixture.keyspace21()));

    SegmentIndex synthetic = SegmentIndex.parseFrom(plan.additions().get("segment-index/1002/2102/5101/0"));
    assertThat(synthetic.getBuildID()).isZero();
    assertThat(synthetic.getState()).isEqualTo(io.milvus.operator.migration.proto.IndexState.FINISHED);
    assertThat(synthetic.getIndexVersion()).isEqualTo(1);
    assertThat(synthetic.getIndexFileKeysList()).isEmpty();
    assertThat(synthetic.getWriteHandoff()).isTrue();
  }

  @Test
  void partitionsLoadedWithoutAnIndexStayReleased() {
    SortedMap<String, ByteString> kv = Meta21Fixture.keyspace21();
    kv.put("queryCoord-collectionMeta/1004", QueryCollectionInfo.newBuilder().setCollectionID(1004).setLoadType(1)
        .addPartitionIDs(2301).setInMemoryPercentage(100).setReplicaNumber(1).build().toByteString());

    MigrationPlan plan = MetaConverter.convert(Keyspace.of(kv));

    assertThat(plan.additions().keySet()).noneMatch(k -> k.contains("loadinfo/1004"));
  }

  @Test
  void partiallyLoadedCollectionsStayReleased() {
    SortedMap<String, ByteString> kv = Meta21Fixture.keyspace21();
    kv.put("queryCoord-collectionMeta/1001", QueryCollectionInfo.newBuilder().setCollectionID(1001).setLoadType(2)
        .setInMemoryPercentage(99).setReplicaNumber(1).build().toByteString());

    MigrationPlan plan = MetaConverter.convert(Keyspace.of(kv));

    assertThat(plan.additions()).doesNotContainKey("querycoord-collection-loadinfo/1001");
    assertThat(plan.notes()).anyMatch(n -> n.contains("only 99% loaded"));
  }

  @Test
  void anEmptyKeyspaceNeedsNothing() {
    assertThat(MetaConverter.convert(Keyspace.of(new TreeMap<>())).isEmpty()).isTrue();
  }
}
