package com.classlark.scim.directory;

/** Secrets shared by every service node (stored in the database, created on first use). */
public interface ServiceKeyStore {
  /** The secret with this name, creating it from {@code candidate} if no node has yet. */
  byte[] getOrCreate(String name, byte[] candidate);
}
