package com.classlark.scim.directory.console;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.Semaphore;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string format, with one of OWASP's equivalent
 * minimum parameter sets: 7 MiB of memory, 5 iterations, 1 lane, a 16-byte random salt. Memory is
 * what bounds it here: password4j keeps one block matrix per parameter set once used, and each hash
 * or check copies it, so the small-memory variant and at most {@link #CONCURRENT_HASHES} at once
 * keep the console's share of the service's 96 MiB heap near 21 MiB, whoever signs in. A hash names
 * its own parameters, so other parameters later still verify the older hashes. Nothing is allocated
 * until the first hash.
 */
final class PasswordHashing {
  private static final int MEMORY_KIB = 7 * 1024;
  private static final int ITERATIONS = 5;
  private static final int PARALLELISM = 1;
  private static final int HASH_BYTES = 32;
  private static final int SALT_BYTES = 16;
  static final int CONCURRENT_HASHES = 2;
  private static final Semaphore HASHING = new Semaphore(CONCURRENT_HASHES, true);

  /** Created on first use: password4j allocates the parameter set's memory with it. */
  private static final class Argon2id {
    static final Argon2Function FUNCTION =
        Argon2Function.getInstance(
            MEMORY_KIB,
            ITERATIONS,
            PARALLELISM,
            HASH_BYTES,
            Argon2.ID,
            Argon2Function.ARGON2_VERSION_13);
  }

  /** A hash of a password no one has, verified when there is no user, so refusals take as long. */
  private static final class Decoy {
    static final String HASH = new PasswordHashing().hash("no console user has this password");
  }

  String hash(String password) {
    HASHING.acquireUninterruptibly();
    try {
      return Password.hash(password).addRandomSalt(SALT_BYTES).with(Argon2id.FUNCTION).getResult();
    } finally {
      HASHING.release();
    }
  }

  /** True when the password matches the hash; an unreadable hash matches nothing. */
  boolean matches(String password, String hash) {
    Argon2Function function;
    try {
      function = Argon2Function.getInstanceFromHash(hash);
    } catch (RuntimeException unreadable) {
      return false;
    }
    HASHING.acquireUninterruptibly();
    try {
      return function.check(password, hash);
    } catch (RuntimeException unreadable) {
      return false;
    } finally {
      HASHING.release();
    }
  }

  /** Spends the time of one verification, for a sign-in whose email has no password to check. */
  void spendVerificationTime(String password) {
    matches(password, Decoy.HASH);
  }
}
