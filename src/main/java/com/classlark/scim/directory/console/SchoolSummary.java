package com.classlark.scim.directory.console;

import com.classlark.scim.directory.ApiToken;
import com.classlark.scim.directory.School;
import java.time.Instant;
import java.util.List;

/**
 * A school as the console shows it: the school with its SCIM status (and, for one school, what its
 * directory holds), and its tokens (never a secret).
 *
 * @param asOf when the summary was made: the time the tokens' states refer to
 */
public record SchoolSummary(School school, List<ApiToken> tokens, Instant asOf) {}
