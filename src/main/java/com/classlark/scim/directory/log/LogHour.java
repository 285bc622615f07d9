package com.classlark.scim.directory.log;

import java.time.Instant;

/** A school's provisioning-log entries of one UTC hour, starting at {@code start}. */
public record LogHour(Instant start, long successes, long failures) {}
