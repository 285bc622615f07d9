package com.classlark.scim.directory;

/** A member of a group as the Staff section shows it; every field but {@code id} may be null. */
public record SectionMember(String id, String email, String givenName, String familyName) {}
