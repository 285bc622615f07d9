package com.classlark.scim.protocol.resource;

import static com.classlark.scim.protocol.resource.JsonTexts.CLASSLARK;
import static com.classlark.scim.protocol.resource.JsonTexts.ENTERPRISE;
import static com.classlark.scim.protocol.resource.JsonTexts.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spliced default representation is the general path's bytes whenever it is given, is given for
 * every document the mapper wrote of a canonical resource, and is refused (empty, so the caller
 * takes the general path) for text it cannot answer byte for byte.
 */
class SplicedRepresentationTest {
  private static final ResourceRepresentation.Meta META =
      new ResourceRepresentation.Meta(
          Instant.parse("2026-11-30T10:15:30.120Z"),
          Instant.parse("2026-12-01T04:00:00Z"),
          "https://scim.example/scim/v2/Users/u-1",
          "W/\"7\"");

  /** Client bodies, read into canonical documents as a POST or PUT stores them. */
  static Stream<String> canonicalDocuments() {
    return Stream.of(
        "{'userName':'a@s.example','name':{'givenName':'A','familyName':'B'},'userType':'Staff'}",
        "{'schemas':['"
            + CLASSLARK
            + "','"
            + USER
            + "','"
            + ENTERPRISE
            + "'],'"
            + CLASSLARK
            + ":room':'A1','emails':[{'type':'work','value':'a@s.example','primary':'true'}],"
            + "'externalId':'x-1','userName':'a@s.example','active':'False',"
            + "'name':{'formatted':'A B','givenName':'A','familyName':'B'},'userType':'Staff',"
            + "'"
            + ENTERPRISE
            + "':{'manager':'m-1','employeeNumber':7,'department':'Sci'},"
            + "'addresses':[{'country':'GB','streetAddress':'1 Lane\\nTown','primary':true}],"
            + "'x509Certificates':[{'value':'TUlJQw=='}],'password':'p'}",
        "{'userName':'a@s.example','name':{'givenName':'Zoë \\u00e9 😀 \\\\ \\'q\\'',"
            + "'familyName':'\\u0001\\u001f\\b\\t\\u007f\\u2028'},'userType':'Staff',"
            + "'title':'先生 / </script>','timezone':'\\uD83D\\uDE00'}");
  }

  @ParameterizedTest
  @MethodSource("canonicalDocuments")
  void aCanonicalDocumentIsSplicedToTheGeneralPathsBytes(String body) {
    ObjectNode document = ResourceReader.read(ResourceTypes.USER, JsonTexts.object(body));
    if (!document.has("active")) {
      document.put("active", true); // as the directory defaults it: after the other members
    }
    String stored = text(document);

    assertThat(spliced(stored)).hasValue(general(stored));
    assertThat(SplicedRepresentation.render(ResourceTypes.USER, "u-1", stored, META))
        .hasValueSatisfying(
            bytes -> assertThat(bytes).isEqualTo(general(stored).getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @MethodSource("canonicalDocuments")
  void topLevelMembersInAnyOrderAreWrittenInTheLayoutsOrder(String body) {
    ObjectNode document = ResourceReader.read(ResourceTypes.USER, JsonTexts.object(body));
    ObjectNode reversed = Json.object();
    reversed.set("schemas", document.get("schemas"));
    List<String> names = new ArrayList<>();
    document.fieldNames().forEachRemaining(names::add);
    Collections.reverse(names);
    names.forEach(name -> reversed.set(name, document.get(name)));
    String stored = text(reversed);

    assertThat(spliced(stored)).hasValue(general(stored));
  }

  static Stream<Arguments> otherTexts() {
    String core = "{\"schemas\":[\"" + USER + "\"],";
    return Stream.of(
        arguments(
            "sub-attributes out of order",
            core + "\"name\":{\"givenName\":\"A\",\"familyName\":\"B\"}}"),
        arguments("an unknown attribute", core + "\"userName\":\"a\",\"shoeSize\":\"9\"}"),
        arguments(
            "an unknown sub-attribute", core + "\"name\":{\"familyName\":\"B\",\"x\":\"y\"}}"),
        arguments("a password", core + "\"userName\":\"a\",\"password\":\"p\"}"),
        arguments("an id", core + "\"id\":\"u-0\",\"userName\":\"a\"}"),
        arguments("a meta", core + "\"userName\":\"a\",\"meta\":{\"version\":\"W/\\\"1\\\"\"}}"),
        arguments("white space", core + "\"userName\": \"a\"}"),
        arguments("a decimal", core + "\"userName\":\"a\",\"title\":1.50}"),
        arguments("an exponent", core + "\"userName\":\"a\",\"title\":1E+2}"),
        arguments("an escaped letter", core + "\"userName\":\"\\u0061\"}"),
        arguments("an escaped slash", core + "\"userName\":\"a\\/b\"}"),
        arguments("a lower-case escape", core + "\"userName\":\"\\u001f\"}"),
        arguments("an empty array", core + "\"userName\":\"a\",\"emails\":[]}"),
        arguments("an empty element", core + "\"userName\":\"a\",\"emails\":[{}]}"),
        arguments("a complex value as text", core + "\"userName\":\"a\",\"name\":\"A B\"}"),
        arguments("an extension as an array", core + "\"" + CLASSLARK + "\":[{\"room\":\"A\"}]}"),
        arguments("a key given twice", core + "\"userName\":\"a\",\"userName\":\"b\"}"),
        arguments("no schemas first", "{\"userName\":\"a\",\"schemas\":[\"" + USER + "\"]}"),
        arguments("a lone surrogate", core + "\"userName\":\"\uD800\"}"),
        arguments("a control character", core + "\"userName\":\"a\u0001\"}"),
        arguments("text after the object", core + "\"userName\":\"a\"}}"),
        arguments("an unfinished string", core + "\"userName\":\"a}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherTexts")
  void textItCannotAnswerByteForByteIsLeftToTheGeneralPath(String what, String stored) {
    assertThat(spliced(stored)).as(what).isEmpty();
  }

  private static Optional<String> spliced(String stored) {
    return SplicedRepresentation.render(ResourceTypes.USER, "u-1", stored, META)
        .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }

  private static String general(String stored) {
    try {
      ObjectNode document = (ObjectNode) Json.MAPPER.readTree(stored);
      byte[] bytes =
          Json.MAPPER.writeValueAsBytes(
              Projection.all(ResourceTypes.USER)
                  .apply(ResourceRepresentation.render(ResourceTypes.USER, "u-1", document, META)));
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(ObjectNode document) {
    try {
      return Json.MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
