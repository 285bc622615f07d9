package com.classlark.scim.directory.console;

/** An authenticated console request: who signed in, and their session. */
public record SignedIn(ConsoleUser user, ConsoleSession session) {}
