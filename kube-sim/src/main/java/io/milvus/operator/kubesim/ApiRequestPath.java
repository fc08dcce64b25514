package io.milvus.operator.kubesim;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns an HTTP method and a Kubernetes API URL into an {@link ApiCallLog.ApiCall}. Pure. */
final class ApiRequestPath {

  /** The only subresources a Namespace has: anything else after /namespaces/{ns}/ is a resource type. */
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  private ApiRequestPath() {
  }

  static ApiCallLog.ApiCall parse(String method, URI uri) {
    List<String> segments = new ArrayList<>(Arrays.stream(uri.getRawPath().split("/")).filter(s -> !s.isEmpty()).toList());
    String httpMethod = method.toUpperCase(Locale.ROOT);
    String group;
    String version;
    int rest;
    if (segments.size() >= 2 && segments.get(0).equals("api")) {
      group = "";
      version = segments.get(1);
      rest = 2;
    } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
      group = segments.get(1);
      version = segments.get(2);
      rest = 3;
    } else {
      // discovery, /version, /openapi...: a non-resource request
      return new ApiCallLog.ApiCall(verb(httpMethod, true, uri), null, null, String.join("/", segments), null, null, null);
    }
    List<String> tail = segments.subList(rest, segments.size());
    if (tail.isEmpty()) {
      // /api/v1, /apis/{group}/{version}: the discovery of a group version, a non-resource request as well
      return new ApiCallLog.ApiCall(verb(httpMethod, true, uri), null, null, String.join("/", segments), null, null, null);
    }
    String namespace = null;
    if (tail.size() >= 3 && tail.get(0).equals("namespaces") && !NAMESPACE_SUBRESOURCES.contains(tail.get(2))) {
      namespace = tail.get(1);
      tail = tail.subList(2, tail.size());
    }
    String resource = tail.isEmpty() ? "" : tail.get(0);
    String name = tail.size() >= 2 ? tail.get(1) : null;
    String subresource = tail.size() >= 3 ? String.join("/", tail.subList(2, tail.size())) : null;
    return new ApiCallLog.ApiCall(verb(httpMethod, name != null, uri), group, version, resource, subresource, namespace, name);
  }

  private static String verb(String httpMethod, boolean named, URI uri) {
    return switch (httpMethod) {
      case "GET", "HEAD" -> isWatch(uri) ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> httpMethod.toLowerCase(Locale.ROOT);
    };
  }

  private static boolean isWatch(URI uri) {
    String query = uri.getRawQuery();
    if (query == null) {
      return false;
    }
    for (String param : query.split("&")) {
      if (param.equals("watch=true") || param.equals("watch=1")) {
        return true;
      }
    }
    return false;
  }
}
