package com.classlark.scim.directory;

/**
 * What a school's directory holds: its live staff (retired records not counted), how many are
 * active and how many SCIM manages; its groups and how many SCIM manages.
 */
public record SchoolCounts(
    long staffTotal, long staffActive, long staffManaged, long groupsTotal, long groupsManaged) {}
