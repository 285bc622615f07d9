package com.classlark.scim.directory;

import java.util.List;

/**
 * A page of schools by name, without their counts.
 *
 * @param nextCursor where the next page starts (the id of this page's last school), or {@code null}
 *     on the last page
 */
public record SchoolListing(List<School> schools, String nextCursor) {
  public SchoolListing {
    schools = List.copyOf(schools);
  }
}
