package com.classlark.scim.directory;

import java.time.Instant;

/** A school: the tenant that owns staff, groups and SCIM tokens. */
public record Account(String id, String name, Instant createdAt) {}
