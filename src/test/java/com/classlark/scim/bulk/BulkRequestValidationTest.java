package com.classlark.scim.bulk;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bulk requests that are malformed or unauthenticated run nothing (RFC 7644 §3.7, §3.12). */
class BulkRequestValidationTest extends BulkExchanges {
  static Stream<Arguments> malformedRequests() {
    String schemas = "'schemas':['urn:ietf:params:scim:api:messages:2.0:BulkRequest']";
    String post = "'method':'POST','path':'/Users','data':{}";
    return Stream.of(
        Arguments.of(
            "{'Operations':[]}",
            "invalidSyntax",
            "schemas must be [\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"] for POST /Bulk"),
        Arguments.of(
            "{" + schemas + "}",
            "invalidSyntax",
            "Operations is required: an array of bulk operations"),
        Arguments.of(
            "{" + schemas + ",'Operations':[{" + post + "}]}",
            "invalidSyntax",
            "Operations[0].bulkId is required for POST"),
        Arguments.of(
            "{" + schemas + ",'Operations':[{'method':'GET','path':'/Users/1'}]}",
            "invalidValue",
            "Operations[0].method 'GET' is not one of POST, PUT, PATCH, DELETE"),
        Arguments.of(
            "{"
                + schemas
                + ",'Operations':[{'method':'POST','path':'/Devices','bulkId':'d','data':{}}]}",
            "invalidValue",
            "Operations[0].path '/Devices' is not valid for POST: expected /Users or /Groups"),
        Arguments.of(
            "{" + schemas + ",'Operations':[{'method':'PUT','path':'/Users','data':{}}]}",
            "invalidValue",
            "Operations[0].path '/Users' is not valid for PUT: expected /Users/{id} or /Groups/{id}"),
        Arguments.of(
            "{" + schemas + ",'Operations':[{'method':'PATCH','path':'/Users/1'}]}",
            "invalidSyntax",
            "Operations[0].data is required for PATCH: a JSON object"),
        Arguments.of(
            "{"
                + schemas
                + ",'Operations':[{"
                + post
                + ",'bulkId':'x'},{"
                + post
                + ",'bulkId':'x'}]}",
            "invalidValue",
            "Operations[1].bulkId 'x' is already the bulkId of Operations[0]; bulkIds must be unique within"
                + " a request"),
        Arguments.of(
            "{" + schemas + ",'failOnErrors':0,'Operations':[]}",
            "invalidValue",
            "failOnErrors must be a positive integer (the number of errors to accept before stopping), got 0"));
  }

  @ParameterizedTest
  @MethodSource("malformedRequests")
  void aMalformedRequestIs400AndRunsNothing(String body, String scimType, String detail) {
    HttpResult result = client.post("/Bulk", json(body));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.json()).isEqualTo(Bodies.parse(error(400, scimType, detail)));
  }

  @Test
  void bulkNeedsTheToken() {
    HttpResult result =
        new ScimClient(server.baseUrl(), Map.of("Content-Type", "application/scim+json"))
            .post("/Bulk", bulk());

    assertThat(result.status()).isEqualTo(401);
  }
}
