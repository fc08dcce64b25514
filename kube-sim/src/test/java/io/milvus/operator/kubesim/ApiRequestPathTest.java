package io.milvus.operator.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiRequestPathTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      GET    | /api/v1/namespaces/ns1/pods/p1                              | get              | ''                | v1      | pods        | -      | ns1 | p1
      GET    | /api/v1/namespaces/ns1/pods?labelSelector=app%3Dx            | list             | ''                | v1      | pods        | -      | ns1 | -
      GET    | /api/v1/pods                                                | list             | ''                | v1      | pods        | -      | -   | -
      GET    | /api/v1/namespaces/ns1/pods?watch=true&resourceVersion=5     | watch            | ''                | v1      | pods        | -      | ns1 | -
      GET    | /apis/apps/v1/deployments?allowWatchBookmarks=true&watch=1   | watch            | apps              | v1      | deployments | -      | -   | -
      POST   | /apis/apps/v1/namespaces/ns1/deployments                    | create           | apps              | v1      | deployments | -      | ns1 | -
      PUT    | /apis/apps/v1/namespaces/ns1/deployments/d1                 | update           | apps              | v1      | deployments | -      | ns1 | d1
      PUT    | /apis/apps/v1/namespaces/ns1/deployments/d1/status          | update           | apps              | v1      | deployments | status | ns1 | d1
      PATCH  | /apis/milvus.io/v1beta1/namespaces/ns1/milvuses/m1/status   | patch            | milvus.io         | v1beta1 | milvuses    | status | ns1 | m1
      DELETE | /api/v1/namespaces/ns1/configmaps/c1                        | delete           | ''                | v1      | configmaps  | -      | ns1 | c1
      DELETE | /api/v1/namespaces/ns1/configmaps                           | deletecollection | ''                | v1      | configmaps  | -      | ns1 | -
      GET    | /api/v1/namespaces/ns1                                      | get              | ''                | v1      | namespaces  | -      | -   | ns1
      PUT    | /api/v1/namespaces/ns1/finalize                             | update           | ''                | v1      | namespaces  | finalize | -  | ns1
      GET    | /api/v1/namespaces                                          | list             | ''                | v1      | namespaces  | -      | -   | -
      GET    | /api/v1/nodes/n1                                            | get              | ''                | v1      | nodes       | -      | -   | n1
      GET    | /apis/apiextensions.k8s.io/v1/customresourcedefinitions/a.b | get              | apiextensions.k8s.io | v1   | customresourcedefinitions | - | - | a.b
      """)
  void parsesResourceRequests(String method, String url, String verb, String group, String version, String resource,
                              String subresource, String namespace, String name) {
    ApiCallLog.ApiCall call = ApiRequestPath.parse(method, URI.create("http://localhost" + url));

    assertThat(call).isEqualTo(new ApiCallLog.ApiCall(verb, group, version, resource, subresource, namespace, name));
  }

  @Test
  void nonResourceRequestsHaveNoGroup() {
    ApiCallLog.ApiCall call = ApiRequestPath.parse("GET", URI.create("http://localhost/version"));

    assertThat(call.verb()).isEqualTo("get");
    assertThat(call.group()).isNull();
    assertThat(call.resource()).isEqualTo("version");
    assertThat(call.isWrite()).isFalse();
  }

  @Test
  void writesAreCreateUpdatePatchAndDeletes() {
    assertThat(ApiRequestPath.parse("PATCH", URI.create("http://h/api/v1/namespaces/a/pods/b")).isWrite()).isTrue();
    assertThat(ApiRequestPath.parse("GET", URI.create("http://h/api/v1/namespaces/a/pods/b")).isWrite()).isFalse();
  }
}
