package io.milvus.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvus.operator.api.v1beta1.Milvus;
import io.milvus.operator.api.v1beta1.MilvusUpgrade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kubectl explain milvus.spec...} shows a description for every field of the project's own types. The walk
 * follows the generated CRD and the model together: it checks each property of an own type and descends into own
 * types only, so embedded Kubernetes types (EnvVar, ResourceRequirements, ...) and free-form objects are not
 * checked below the field that holds them.
 */
class CrdDescriptionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource({
    "milvuses.milvus.io-v1.yml, io.milvus.operator.api.v1beta1.Milvus",
    "milvusupgrades.milvus.io-v1.yml, io.milvus.operator.api.v1beta1.MilvusUpgrade"
  })
  void everyFieldOfOurOwnTypesIsDescribed(String crd, Class<?> kind) {
    List<String> undescribed = undescribed(kind, openApiSchema(crd));

    assertThat(undescribed).as("fields without @JsonPropertyDescription in %s", crd).isEmpty();
  }

  @Test
  void aFieldWithoutDescriptionIsFound() {
    ObjectNode schema = openApiSchema("milvuses.milvus.io-v1.yml").deepCopy();
    ObjectNode components = (ObjectNode) schema.at("/properties/spec/properties/components");
    ((ObjectNode) components.at("/properties/queryNode/properties/replicas")).remove("description");
    ((ObjectNode) components.at("/properties/proxy/properties/groups/items/properties/name")).remove("description");

    assertThat(undescribed(Milvus.class, schema)).containsExactlyInAnyOrder(
        "spec.components.queryNode.replicas", "spec.components.proxy.groups[].name");
  }

  @Test
  void embeddedKubernetesTypesAreNotWalkedInto() {
    JsonNode env = openApiSchema("milvuses.milvus.io-v1.yml").at("/properties/spec/properties/components/properties/env");

    assertThat(env.at("/items/properties/name/description").isMissingNode()).as("EnvVar.name is fabric8's").isTrue();
    assertThat(undescribed(MilvusUpgrade.class, openApiSchema("milvusupgrades.milvus.io-v1.yml"))).isEmpty();
  }

  private static List<String> undescribed(Class<?> kind, JsonNode schema) {
    List<String> undescribed = new ArrayList<>();
    walk(JSON.constructType(kind), schema, "", undescribed);
    return undescribed;
  }

  private static void walk(JavaType type, JsonNode schema, String path, List<String> undescribed) {
    if (type.isCollectionLikeType() || type.isArrayType()) {
      walk(type.getContentType(), schema.path("items"), path + "[]", undescribed);
    } else if (type.isMapLikeType()) {
      walk(type.getContentType(), schema.path("additionalProperties"), path + "[*]", undescribed);
    } else if (ApiReference.isOwn(type)) {
      Map<String, JavaType> properties = ApiReference.properties(type);
      schema.path("properties").fields().forEachRemaining(property -> {
        String propertyPath = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
        if (property.getValue().path("description").asText().isBlank()) {
          undescribed.add(propertyPath);
        }
        JavaType propertyType = properties.get(property.getKey());
        if (propertyType != null) {
          walk(propertyType, property.getValue(), propertyPath, undescribed);
        }
      });
    }
  }

  private static JsonNode openApiSchema(String crd) {
    return TestResources.treeOfYaml(TestResources.text("META-INF/fabric8/" + crd))
        .at("/spec/versions/0/schema/openAPIV3Schema");
  }
}
