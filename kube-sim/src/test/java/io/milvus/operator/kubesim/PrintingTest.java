package io.milvus.operator.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What kubectl get prints: ages, JSONPath columns, field selectors, CRD and built-in tables. */
class PrintingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @ParameterizedTest
  @CsvSource({"0,0s", "59,59s", "119,119s", "120,2m", "200,3m20s", "600,10m", "10799,179m", "10800,3h", "11100,3h5m",
      "28800,8h", "172800,2d", "180000,2d2h", "691200,8d", "63072000,2y", "63158400,2y1d", "315360000,10y"})
  void agesReadLikeKubectl(long seconds, String expected) {
    assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
  }

  @Test
  void ageOfATimestampWithFractionOrNone() {
    assertThat(HumanDuration.since("2024-05-01T11:59:30.123456Z", NOW)).isEqualTo("29s");
    assertThat(HumanDuration.since(null, NOW)).isEqualTo("<unknown>");
  }

  @Test
  void jsonPathFindsFieldsIndexesWildcardsAndFilters() {
    JsonNode milvus = json("{'status':{'status':'Healthy','conditions':["
        + "{'type':'MilvusReady','status':'True'},{'type':'MilvusUpdated','status':'False'}]}}");
    assertThat(SimpleJsonPath.compile(".status.status").find(milvus)).extracting(JsonNode::asText)
        .containsExactly("Healthy");
    assertThat(SimpleJsonPath.compile(".status.conditions[?(@.type==\"MilvusUpdated\")].status").find(milvus))
        .extracting(JsonNode::asText).containsExactly("False");
    assertThat(SimpleJsonPath.compile("{.status.conditions[*].type}").find(milvus)).extracting(JsonNode::asText)
        .containsExactly("MilvusReady", "MilvusUpdated");
    assertThat(SimpleJsonPath.compile(".status.conditions[-1].type").find(milvus)).extracting(JsonNode::asText)
        .containsExactly("MilvusUpdated");
    assertThat(SimpleJsonPath.compile(".status.conditions[?(@.type!='MilvusReady')].type").find(milvus))
        .extracting(JsonNode::asText).containsExactly("MilvusUpdated");
    assertThat(SimpleJsonPath.compile(".spec.mode").find(milvus)).isEmpty();
  }

  @Test
  void fieldSelectorsMatchAnyField() {
    JsonNode event = json("{'type':'Normal','involvedObject':{'kind':'Milvus','name':'my-release','uid':'u1'}}");
    assertThat(FieldSelector.parse("involvedObject.name=my-release,involvedObject.kind==Milvus").matches(event))
        .isTrue();
    assertThat(FieldSelector.parse("involvedObject.uid=u2").matches(event)).isFalse();
    assertThat(FieldSelector.parse("type!=Warning").matches(event)).isTrue();
    assertThatThrownBy(() -> FieldSelector.parse("nonsense")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void crdColumnsComeFromTheVersionsPrinterColumns() {
    JsonNode version = json("{'name':'v1beta1','additionalPrinterColumns':["
        + "{'name':'Mode','type':'string','jsonPath':'.spec.mode'},"
        + "{'name':'Status','type':'string','jsonPath':'.status.status'},"
        + "{'name':'Updated','type':'string','jsonPath':'.status.conditions[?(@.type==\\'MilvusUpdated\\')].status'},"
        + "{'name':'Age','type':'date','jsonPath':'.metadata.creationTimestamp'}]}");
    TablePrinter printer = CrdTablePrinter.forVersion(version);
    assertThat(printer.columns()).extracting(TablePrinter.Column::name)
        .containsExactly("Name", "Mode", "Status", "Updated", "Age");
    JsonNode milvus = json("{'metadata':{'name':'my-release','creationTimestamp':'2024-05-01T11:55:00Z'},"
        + "'status':{'status':'Healthy','conditions':[{'type':'MilvusUpdated','status':'True'}]}}");
    assertThat(printer.cells(milvus, NOW)).containsExactly("my-release", null, "Healthy", "True", "5m");
    assertThat(CrdTablePrinter.forVersion(json("{'name':'v1'}")).columns()).extracting(TablePrinter.Column::name)
        .containsExactly("Name", "Age");
  }

  @Test
  void podsShowReadyStatusRestartsAndAgeLikeKubectl() {
    TablePrinter pods = BuiltinTablePrinters.forResource("", "pods");
    assertThat(pods.columns()).filteredOn(c -> c.priority() == 0).extracting(TablePrinter.Column::name)
        .containsExactly("Name", "Ready", "Status", "Restarts", "Age");
    JsonNode running = json("{'metadata':{'name':'p','creationTimestamp':'2024-05-01T11:59:00Z'},"
        + "'spec':{'nodeName':'sandbox-node','containers':[{'name':'c'}]},'status':{'phase':'Running',"
        + "'podIP':'10.0.0.1','containerStatuses':[{'ready':true,'restartCount':2,'state':{'running':{}}}]}}");
    assertThat(pods.cells(running, NOW).subList(0, 7))
        .containsExactly("p", "1/1", "Running", 2, "60s", "10.0.0.1", "sandbox-node");
    JsonNode crashing = json("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'c'}]},'status':{'phase':'Running',"
        + "'containerStatuses':[{'ready':false,'restartCount':5,'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}}");
    assertThat(pods.cells(crashing, NOW).subList(1, 4)).containsExactly("0/1", "CrashLoopBackOff", 5);
    JsonNode deleted = json("{'metadata':{'name':'p','deletionTimestamp':'2024-05-01T12:00:00Z'},"
        + "'spec':{'containers':[{'name':'c'}]},'status':{'phase':'Running'}}");
    assertThat(pods.cells(deleted, NOW).get(2)).isEqualTo("Terminating");
  }

  @Test
  void tablesCarryColumnsRowsAndPartialMetadataByDefault() {
    JsonNode list = json("{'kind':'List','metadata':{'resourceVersion':'42'},'items':["
        + "{'metadata':{'name':'a','namespace':'default'},'data':{'k':'v'}}]}");
    JsonNode table = ServerSideTable.of(list, BuiltinTablePrinters.forResource("", "configmaps"), null, NOW);
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.at("/metadata/resourceVersion").asText()).isEqualTo("42");
    assertThat(table.at("/columnDefinitions/0/format").asText()).isEqualTo("name");
    assertThat(table.at("/rows/0/cells").toString()).isEqualTo("[\"a\",1,\"<unknown>\"]");
    assertThat(table.at("/rows/0/object/kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(ServerSideTable.of(list, TablePrinter.NAME_AND_AGE, "None", NOW).at("/rows/0").has("object")).isFalse();
    assertThat(ServerSideTable.of(list, TablePrinter.NAME_AND_AGE, "Object", NOW).at("/rows/0/object/data/k").asText())
        .isEqualTo("v");
  }

  @Test
  void eventsLeadWithLastSeenAndKeepTheirNameForWideOutput() {
    TablePrinter events = BuiltinTablePrinters.forResource("", "events");
    assertThat(events.columns()).filteredOn(c -> c.priority() == 0).extracting(TablePrinter.Column::name)
        .containsExactly("Last Seen", "Type", "Reason", "Object", "Message");
    JsonNode event = json("{'metadata':{'name':'e1'},'type':'Normal','reason':'Healthy','message':'ok',"
        + "'lastTimestamp':'2024-05-01T11:59:50Z','involvedObject':{'kind':'Milvus','name':'my-release'}}");
    List<Object> cells = events.cells(event, NOW);
    assertThat(cells.subList(0, 4)).containsExactly("10s", "Normal", "Healthy", "milvus/my-release");
    assertThat(cells.get(cells.size() - 1)).isEqualTo("e1");
  }

  @Test
  void pruningDropsUndeclaredFieldsAndKeepsPreservedAndMapValues() {
    JsonNode schema = json("{'type':'object','properties':{"
        + "'spec':{'type':'object','properties':{"
        + "  'components':{'type':'object','properties':{'image':{'type':'string'},"
        + "    'env':{'type':'array','items':{'type':'object','properties':{'name':{'type':'string'}}}}}},"
        + "  'config':{'type':'object','x-kubernetes-preserve-unknown-fields':true},"
        + "  'labels':{'type':'object','additionalProperties':{'type':'string'}}}},"
        + "'status':{'type':'object','properties':{'status':{'type':'string'}}}}}");
    com.fasterxml.jackson.databind.node.ObjectNode milvus = (com.fasterxml.jackson.databind.node.ObjectNode) json(
        "{'apiVersion':'milvus.io/v1beta1','kind':'Milvus','metadata':{'name':'m','anything':1},'labels':{'app':'x'},"
        + "'spec':{'components':{'image':'i','typo':1,'env':[{'name':'A','extra':2}]},"
        + "'config':{'any':{'deep':true}},'labels':{'a':'b'}},'status':{'status':'Healthy','other':3}}");
    List<String> removed = SchemaPruner.prune(milvus, schema);
    assertThat(removed).containsExactlyInAnyOrder("labels", "spec.components.typo", "spec.components.env[0].extra",
        "status.other");
    assertThat(milvus).isEqualTo(json(
        "{'apiVersion':'milvus.io/v1beta1','kind':'Milvus','metadata':{'name':'m','anything':1},"
        + "'spec':{'components':{'image':'i','env':[{'name':'A'}]},"
        + "'config':{'any':{'deep':true}},'labels':{'a':'b'}},'status':{'status':'Healthy'}}"));
  }
}
