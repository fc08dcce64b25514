package io.milvus.operator.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.util.Set;

/**
 * Self access reviews, which clients send before they act (JOSDK's leader election asks a SelfSubjectRulesReview
 * whether it may use its Lease; {@code kubectl auth can-i} asks a SelfSubjectAccessReview). kube-sim authenticates
 * nobody and authorizes everything, so it answers as Kubernetes answers a cluster admin: every verb on everything.
 * Like Kubernetes, it computes the answer and stores nothing.
 */
final class AccessReviews {

  private static final ObjectMapper JSON = Serialization.PLAIN;
  private static final Set<String> REVIEWS = Set.of("selfsubjectrulesreviews", "selfsubjectaccessreviews");

  private AccessReviews() {
  }

  static boolean handles(ApiCallLog.ApiCall call) {
    return "authorization.k8s.io".equals(call.group()) && REVIEWS.contains(call.resource())
        && "create".equals(call.verb());
  }

  static MockResponse answer(RecordedRequest request) {
    JsonNode body;
    try {
      body = JSON.readTree(request.getUtf8Body());
    } catch (IOException e) {
      return Statuses.of(400, "BadRequest", "the request body is not JSON: " + e.getMessage());
    }
    if (!(body instanceof ObjectNode review) || !review.path("spec").isObject()) {
      return Statuses.of(422, "Invalid", "spec: Required value");
    }
    ObjectNode status = review.putObject("status");
    if ("SelfSubjectRulesReview".equals(review.path("kind").asText())) {
      ObjectNode resourceRule = status.putArray("resourceRules").addObject();
      resourceRule.putArray("verbs").add("*");
      resourceRule.putArray("apiGroups").add("*");
      resourceRule.putArray("resources").add("*");
      ObjectNode nonResourceRule = status.putArray("nonResourceRules").addObject();
      nonResourceRule.putArray("verbs").add("*");
      nonResourceRule.putArray("nonResourceURLs").add("*");
      status.put("incomplete", false);
    } else {
      status.put("allowed", true).put("reason", "kube-sim authorizes every request");
    }
    return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
        .setBody(review.toString());
  }
}
