package com.classlark.scim.directory.log;

/** Which entries a listing of the provisioning log shows. */
public enum LogOutcome {
  ANY,
  SUCCESS,
  FAILURE
}
