package com.classlark.scim.console;

import com.classlark.scim.directory.Schools;
import com.classlark.scim.directory.ScimAccess;
import com.classlark.scim.directory.log.ProvisioningLog;
import com.classlark.scim.directory.section.SchoolRelease;
import com.classlark.scim.directory.section.StaffSection;
import java.time.Clock;

/**
 * The directory operations behind the Provisioning page and support's pages: the same ones the
 * directory API and the command line use, never a second implementation.
 */
public record SupportOperations(
    Schools schools,
    ScimAccess scimAccess,
    StaffSection staff,
    SchoolRelease release,
    ProvisioningLog log,
    Clock clock) {}
