package com.classlark.scim.app;

import picocli.CommandLine.Option;

/** {@code --account ID}: the school a support command acts on. */
final class AccountOption {
  @Option(names = "--account", required = true, paramLabel = "ID", description = "The account id.")
  String accountId;
}
