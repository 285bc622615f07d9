package com.classlark.scim.directory;

/**
 * Who made a change through ClassLark's own interfaces (the directory API, the console, the command
 * line), recorded with the change in the same transaction.
 *
 * @param keyId the id of the API key the change came with; null when it came without one (the
 *     command line)
 * @param actor who ClassLark's application says made it ({@code X-ClassLark-Actor}, the signed-in
 *     admin's email); null when not said
 */
public record ManualAuthor(String keyId, String actor) {
  /** A change made on the command line by support, with no key and no named actor. */
  public static final ManualAuthor COMMAND_LINE = new ManualAuthor(null, null);
}
