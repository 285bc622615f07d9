package com.classlark.scim.console;

import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.console.ConsoleSchools;
import com.classlark.scim.directory.console.SignedIn;
import io.javalin.http.Context;

/**
 * A request for a page of one school's Staff section: who signed in, the school in the address, and
 * the directory caller they act as there, once {@link ConsoleSchools} agreed they may see it.
 */
record SectionRequest(SignedIn signedIn, String schoolId, Caller caller) {
  /**
   * @throws com.classlark.scim.directory.DirectoryException {@code NOT_FOUND} for a school the user
   *     may not see
   */
  static SectionRequest of(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    String schoolId = ctx.pathParam("schoolId");
    return new SectionRequest(signedIn, schoolId, ConsoleSchools.actingOn(signedIn, schoolId));
  }
}
