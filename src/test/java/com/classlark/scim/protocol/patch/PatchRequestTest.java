package com.classlark.scim.protocol.patch;

import static com.classlark.scim.protocol.patch.PatchTexts.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.error.ScimType;
import com.classlark.scim.protocol.filter.CompareOp;
import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.filter.FilterLimits;
import com.classlark.scim.protocol.filter.FilterParser;
import com.classlark.scim.protocol.filter.PathExpression;
import com.classlark.scim.protocol.filter.ScimValue;
import com.classlark.scim.protocol.schema.AttrPath;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatchRequestTest {

  private static final String URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  static Stream<Arguments> accepted() {
    PathExpression active = new PathExpression(AttrPath.of("active"), null, null);
    return Stream.of(
        arguments(
            "{'schemas':['"
                + URN
                + "'],'Operations':[{'op':'replace','path':'active',"
                + "'value':false}]}",
            List.of(new PatchOperation(PatchOp.REPLACE, active, BooleanNode.FALSE))),
        arguments(
            "{'SCHEMAS':['"
                + URN.toUpperCase()
                + "'],'operations':[{'OP':'Replace','Path':'active',"
                + "'Value':'False'}]}",
            List.of(new PatchOperation(PatchOp.REPLACE, active, TextNode.valueOf("False")))),
        arguments(
            "{'schemas':'"
                + URN
                + "','Operations':[{'op':'ADD','value':{'nickName':'Babs'}},"
                + "{'op':'Remove','path':'emails[type eq \\'work\\'].value'},"
                + "{'op':'add','path':'','value':null}]}",
            List.of(
                new PatchOperation(PatchOp.ADD, null, json("{'nickName':'Babs'}")),
                new PatchOperation(
                    PatchOp.REMOVE,
                    new PathExpression(
                        AttrPath.of("emails"),
                        new Filter.Compare(
                            AttrPath.of("type"), CompareOp.EQ, new ScimValue.Str("work")),
                        "value"),
                    null),
                new PatchOperation(PatchOp.ADD, null, NullNode.getInstance()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void readsOperations(String body, List<PatchOperation> expected) {
    assertThat(PatchRequest.parse(json(body))).isEqualTo(expected);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        arguments(
            "[]",
            ScimType.INVALID_SYNTAX,
            "a PATCH body must be a JSON object (a PatchOp message)"),
        arguments(
            "{'Operations':[{'op':'add','value':{}}]}",
            ScimType.INVALID_SYNTAX,
            "a PATCH body must have \"schemas\": [\"" + URN + "\"]"),
        arguments(
            "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'Operations':[]}",
            ScimType.INVALID_SYNTAX,
            "the schemas of a PATCH body must contain \""
                + URN
                + "\" but were"
                + " [\"urn:ietf:params:scim:schemas:core:2.0:User\"]"),
        arguments(
            "{'schemas':['" + URN + "']}",
            ScimType.INVALID_SYNTAX,
            "a PATCH body must have an 'Operations' array with at least one operation"),
        arguments(
            "{'schemas':['" + URN + "'],'Operations':{'op':'add'}}",
            ScimType.INVALID_SYNTAX,
            "'Operations' must be an array of operations"),
        arguments(
            "{'schemas':['" + URN + "'],'Operations':[]}",
            ScimType.INVALID_SYNTAX,
            "'Operations' must contain at least one operation"),
        arguments(
            "{'schemas':['" + URN + "'],'Operations':['add']}",
            ScimType.INVALID_SYNTAX,
            "Operations[0] must be a JSON object with 'op', 'path' and 'value'"),
        arguments(
            "{'schemas':['" + URN + "'],'Operations':[{'path':'active','value':true}]}",
            ScimType.INVALID_SYNTAX,
            "Operations[0] has no 'op'; expected add, replace or remove"),
        arguments(
            "{'schemas':['"
                + URN
                + "'],'Operations':[{'op':'add','value':{}},"
                + "{'op':'delete','path':'members'}]}",
            ScimType.INVALID_SYNTAX,
            "Operations[1].op 'delete' is not a PATCH operation; expected add, replace or remove"),
        arguments(
            "{'schemas':['" + URN + "'],'Operations':[{'op':true}]}",
            ScimType.INVALID_SYNTAX,
            "Operations[0].op must be a string: add, replace or remove"),
        arguments(
            "{'schemas':['" + URN + "'],'Operations':[{'op':'remove','path':7}]}",
            ScimType.INVALID_PATH,
            "Operations[0].path must be a string"),
        arguments(
            "{'schemas':['"
                + URN
                + "'],'Operations':[{'op':'remove',"
                + "'path':'emails[type eq \\'work\\''}]}",
            ScimType.INVALID_PATH,
            "Operations[0].path: expected ']' at position 21 but found end of path"
                + " (the '[' at offset 6 is not closed)"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("refused")
  void refusesMalformedMessages(String body, ScimType scimType, String detail) {
    assertThatThrownBy(() -> PatchRequest.parse(json(body)))
        .isInstanceOfSatisfying(
            ScimException.class,
            error -> {
              assertThat(error.status()).isEqualTo(400);
              assertThat(error.scimType()).contains(scimType);
              assertThat(error.detail()).isEqualTo(detail);
            });
  }

  @Test
  void refusesMoreOperationsThanTheLimit() {
    String operation = "{'op':'replace','path':'active','value':true}";
    String body =
        "{'schemas':['"
            + URN
            + "'],'Operations':["
            + String.join(",", Collections.nCopies(4, operation))
            + "]}";
    assertThat(PatchRequest.parse(json(body), 4, new FilterParser(FilterLimits.DEFAULT)))
        .hasSize(4);
    assertThatThrownBy(
            () -> PatchRequest.parse(json(body), 3, new FilterParser(FilterLimits.DEFAULT)))
        .isInstanceOfSatisfying(
            ScimException.class,
            error -> {
              assertThat(error.scimType()).contains(ScimType.TOO_MANY);
              assertThat(error.detail())
                  .isEqualTo("the PATCH request has 4 operations; the limit is 3 per request");
            });
    assertThat(PatchRequest.MAX_OPERATIONS).isEqualTo(1000);
  }
}
