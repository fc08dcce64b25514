package io.milvus.operator.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** JSON merge patch (RFC 7386) and the strategic merge patch subset kubectl uses. */
class PatchesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void mergePatchReplacesListsInsteadOfMergingThem() {
    JsonNode target = json("{'spec':{'args':['a','b','c'],'env':[{'name':'X','value':'1'}]}}");
    JsonNode patched = JsonMergePatch.apply(target, json("{'spec':{'args':['z'],'env':[{'name':'Y'}]}}"));
    assertThat(patched).isEqualTo(json("{'spec':{'args':['z'],'env':[{'name':'Y'}]}}"));
  }

  @Test
  void mergePatchMergesObjectsAndNullRemovesAKey() {
    JsonNode target = json("{'a':{'b':1,'c':2},'d':3}");
    assertThat(JsonMergePatch.apply(target, json("{'a':{'b':null,'e':4},'d':null}")))
        .isEqualTo(json("{'a':{'c':2,'e':4}}"));
    assertThat(target).isEqualTo(json("{'a':{'b':1,'c':2},'d':3}")); // untouched
  }

  @Test
  void mergePatchThatIsNotAnObjectReplacesTheTarget() {
    assertThat(JsonMergePatch.apply(json("{'a':1}"), json("['x']"))).isEqualTo(json("['x']"));
    assertThat(JsonMergePatch.apply(json("{'a':'x'}"), json("{'a':{'b':1}}"))).isEqualTo(json("{'a':{'b':1}}"));
  }

  @Test
  void strategicPatchMergesContainersByNameLikeKubectlSetImage() {
    JsonNode deployment = json("{'spec':{'template':{'spec':{'containers':["
        + "{'name':'milvus','image':'milvus:1','ports':[{'containerPort':19530}]},{'name':'side','image':'s:1'}]}}}}");
    JsonNode patched = StrategicMergePatch.apply(deployment,
        json("{'spec':{'template':{'spec':{'containers':[{'name':'milvus','image':'milvus:2'}]}}}}"));
    assertThat(patched.at("/spec/template/spec/containers")).isEqualTo(json(
        "[{'name':'milvus','image':'milvus:2','ports':[{'containerPort':19530}]},{'name':'side','image':'s:1'}]"));
  }

  @Test
  void strategicPatchDeletesAListElementAndDropsItsDirectives() {
    JsonNode pod = json("{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}");
    JsonNode patched = StrategicMergePatch.apply(pod, json(
        "{'$setElementOrder/containers':[{'name':'a'}],'spec':{'containers':[{'name':'b','$patch':'delete'}]}}"));
    assertThat(patched).isEqualTo(json("{'spec':{'containers':[{'name':'a'}]}}"));
  }

  @Test
  void strategicPatchReplacesListsWithoutAMergeKeyAndUnitesFinalizers() {
    JsonNode object = json("{'metadata':{'finalizers':['a']},'spec':{'tolerations':[{'key':'x'}],'args':['1']}}");
    JsonNode patched = StrategicMergePatch.apply(object,
        json("{'metadata':{'finalizers':['b']},'spec':{'tolerations':[{'key':'y'}],'args':['2']}}"));
    assertThat(patched).isEqualTo(
        json("{'metadata':{'finalizers':['a','b']},'spec':{'tolerations':[{'key':'y'}],'args':['2']}}"));
  }

  @Test
  void strategicPatchHonoursReplaceRetainKeysAndDeleteFromPrimitiveList() {
    JsonNode object = json("{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}},"
        + "'selector':{'a':'1','b':'2'}},'metadata':{'finalizers':['x','y']}}");
    JsonNode patched = StrategicMergePatch.apply(object, json("{'spec':{"
        + "'strategy':{'$retainKeys':['type'],'type':'Recreate'},"
        + "'selector':{'$patch':'replace','c':'3'}},"
        + "'metadata':{'$deleteFromPrimitiveList/finalizers':['x']}}"));
    assertThat(patched).isEqualTo(json(
        "{'spec':{'strategy':{'type':'Recreate'},'selector':{'c':'3'}},'metadata':{'finalizers':['y']}}"));
  }
}
