package com.classlark.scim.directory;

/**
 * A school as support and ClassLark's application see it.
 *
 * @param counts what its directory holds, or {@code null} in a listing of every school (counting
 *     each school's staff would make the listing as slow as the largest school)
 */
public record School(Account account, SchoolScim scim, SchoolCounts counts) {}
