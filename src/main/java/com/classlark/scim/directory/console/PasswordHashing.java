package com.classlark.scim.directory.console;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string format, with OWASP's minimum parameters: 19
 * MiB of memory, 2 iterations, 1 lane, a 16-byte random salt. A hash names its own parameters, so
 * stronger parameters later still verify the older hashes.
 */
final class PasswordHashing {
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int HASH_BYTES = 32;
  private static final int SALT_BYTES = 16;
  private static final Argon2Function ARGON2ID =
      Argon2Function.getInstance(
          MEMORY_KIB,
          ITERATIONS,
          PARALLELISM,
          HASH_BYTES,
          Argon2.ID,
          Argon2Function.ARGON2_VERSION_13);

  /** A hash of a password no one has, verified when there is no user, so refusals take as long. */
  private static final class Decoy {
    static final String HASH =
        Password.hash("no console user has this password")
            .addRandomSalt(SALT_BYTES)
            .with(ARGON2ID)
            .getResult();
  }

  String hash(String password) {
    return Password.hash(password).addRandomSalt(SALT_BYTES).with(ARGON2ID).getResult();
  }

  /** True when the password matches the hash; an unreadable hash matches nothing. */
  boolean matches(String password, String hash) {
    try {
      return Argon2Function.getInstanceFromHash(hash).check(password, hash);
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  /** Spends the time of one verification, for a sign-in whose email has no password to check. */
  void spendVerificationTime(String password) {
    matches(password, Decoy.HASH);
  }
}
