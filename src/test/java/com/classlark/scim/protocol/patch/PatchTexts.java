package com.classlark.scim.protocol.patch;

import com.classlark.scim.protocol.resource.JsonTexts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Test shorthand for PATCH tests, on top of {@link JsonTexts}: {@code '} stands for {@code "}, so a
 * quote inside a JSON string is written {@code \\'} in Java ({@code \'} in the text).
 */
final class PatchTexts {
  private PatchTexts() {}

  static final String USER = JsonTexts.USER;
  static final String ENTERPRISE = JsonTexts.ENTERPRISE;
  static final String CLASSLARK = JsonTexts.CLASSLARK;
  static final String GROUP = JsonTexts.GROUP;
  static final String PATCH_OP = PatchRequest.PATCH_OP_URN;

  static final String USER_ID = "6764549b-ef60-4206-86bc-2f1b1a6f0c55";

  /** The required attributes of the staff member all user tests start from. */
  static final String CORE =
      "'userName':'jane.doe@school.example','name':{'familyName':'Doe','givenName':'Jane'},"
          + "'userType':'Staff'";

  static final String WORK_EMAIL =
      "{'value':'jane.doe@school.example','type':'work','primary':true}";

  static final String MANAGER =
      "'manager':{'value':'boss-1','$ref':'https://scim.example/Users/boss-1',"
          + "'displayName':'Ben Boss'}";

  /** A canonical staff member with a work email, an employee number and a manager. */
  static final String STAFF =
      "{'schemas':['"
          + USER
          + "','"
          + ENTERPRISE
          + "'],'externalId':'jd-1',"
          + CORE
          + ",'active':true,'emails':["
          + WORK_EMAIL
          + "],'"
          + ENTERPRISE
          + "':{'employeeNumber':'701',"
          + MANAGER
          + "}}";

  /** {@code schemas} and the core attributes followed by {@code fields}, without extensions. */
  static String user(String fields) {
    return "{'schemas':['" + USER + "']," + CORE + (fields.isEmpty() ? "" : "," + fields) + "}";
  }

  /** {@code schemas} with the enterprise extension, the core attributes and {@code fields}. */
  static String enterpriseUser(String fields) {
    return "{'schemas':['" + USER + "','" + ENTERPRISE + "']," + CORE + "," + fields + "}";
  }

  /** A PatchOp message with these operations. */
  static String patch(String... operations) {
    return "{'schemas':['" + PATCH_OP + "'],'Operations':[" + String.join(",", operations) + "]}";
  }

  static JsonNode json(String singleQuoted) {
    return JsonTexts.json(singleQuoted);
  }

  static ObjectNode object(String singleQuoted) {
    return JsonTexts.object(singleQuoted);
  }
}
