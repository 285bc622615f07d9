package com.classlark.scim.users;

import static com.classlark.scim.testing.Bodies.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An update writes only the searchable columns and email rows whose values changed: after a PATCH
 * of each searchable attribute, a filter finds the record by its new value and no longer by its old
 * one, and the attributes the PATCH left alone (emails included) still find it. (In the table, a
 * value's JSON quotes are written as backticks.)
 */
class UsersSearchColumnsAfterPatchTest extends ServerPerEngine {
  private static final AtomicInteger NEXT = new AtomicInteger();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "userName|`new-N@school.example`|userName eq \"new-N@school.example\"|userName eq"
            + " \"old-N@school.example\"",
        "externalId|`ext-new-N`|externalId eq \"ext-new-N\"|externalId eq \"ext-old-N\"",
        "name.givenName|`Newgiven`|name.givenName eq \"Newgiven\" and externalId eq"
            + " \"ext-old-N\"|name.givenName eq \"Oldgiven\" and externalId eq \"ext-old-N\"",
        "name.familyName|`Newfamily`|name.familyName eq \"Newfamily\" and externalId eq"
            + " \"ext-old-N\"|name.familyName eq \"Oldfamily\" and externalId eq \"ext-old-N\"",
        "displayName|`New Display N`|displayName eq \"New Display N\"|displayName eq \"Old Display"
            + " N\"",
        "userType|`Finance Manager`|userType eq \"Finance Manager\" and externalId eq"
            + " \"ext-old-N\"|userType eq \"Staff\" and externalId eq \"ext-old-N\"",
        "active|false|active eq false and externalId eq \"ext-old-N\"|active eq true and externalId"
            + " eq \"ext-old-N\"",
        "emails|[{`value`:`new-mail-N@work.example`,`type`:`work`}]|emails.value eq"
            + " \"new-mail-N@work.example\"|emails.value eq \"old-mail-N@work.example\"",
      })
  void aPatchedAttributeIsFoundByItsNewValueOnlyAndTheOthersStillFindTheRecord(
      String path, String value, String newFilter, String oldFilter) {
    String n = String.valueOf(NEXT.incrementAndGet());
    HttpResult created =
        client.post(
            "/Users",
            json("{'userName':'old-N@school.example','externalId':'ext-old-N','name':{'givenName':"
                    + "'Oldgiven','familyName':'Oldfamily'},'displayName':'Old Display N',"
                    + "'userType':'Staff','active':true,'emails':[{'value':'old-mail-N@work.example',"
                    + "'type':'work','primary':true}]}")
                .replace("-N", "-" + n)
                .replace(" N\"", " " + n + "\""));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asText();

    HttpResult patched =
        client.patch(
            "/Users/" + id,
            json(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':"
                    + "'replace','path':'"
                    + path
                    + "','value':"
                    + value.replace('`', '"').replace("-N", "-" + n).replace(" N\"", " " + n + "\"")
                    + "}]}"));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);

    assertThat(found(newFilter, n)).containsExactly(id);
    assertThat(found(oldFilter, n)).isEmpty();
    List<String> untouched = new ArrayList<>();
    if (!path.equals("userName")) {
      untouched.add("userName eq \"old-N@school.example\"");
    }
    if (!path.equals("externalId")) {
      untouched.add("externalId eq \"ext-old-N\"");
    }
    if (!path.equals("emails")) {
      untouched.add("emails.value eq \"old-mail-N@work.example\"");
    }
    if (!path.equals("displayName")) {
      untouched.add("displayName eq \"Old Display N\"");
    }
    for (String filter : untouched) {
      assertThat(found(filter, n)).as(filter).containsExactly(id);
    }
  }

  private static List<String> found(String filter, String n) {
    String concrete = filter.replace("-N", "-" + n).replace(" N\"", " " + n + "\"");
    HttpResult result =
        client.get(
            "/Users?filter="
                + URLEncoder.encode(concrete, StandardCharsets.UTF_8).replace("+", "%20"));
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    result.json().path("Resources").forEach(resource -> ids.add(resource.path("id").asText()));
    return ids;
  }
}
