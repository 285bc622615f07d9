package com.classlark.scim.directory;

/** How many staff records and groups of a school a release took out of SCIM management. */
public record ReleasedCounts(long staff, long groups) {}
