package com.classlark.scim.store;

import com.classlark.scim.directory.ServiceKeyStore;
import java.time.Clock;
import java.util.Base64;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link ServiceKeyStore} in the {@code service_keys} table; the first node to ask creates the key.
 */
public final class JdbcServiceKeyStore implements ServiceKeyStore {
  private final Jdbi jdbi;
  private final Clock clock;

  public JdbcServiceKeyStore(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = clock;
  }

  @Override
  public byte[] getOrCreate(String name, byte[] candidate) {
    return jdbi.withHandle(
        handle -> {
          handle
              .createUpdate(
                  "INSERT INTO service_keys (name, secret, created_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT (name) DO NOTHING")
              .bind(0, name)
              .bind(1, Base64.getEncoder().encodeToString(candidate))
              .bind(2, clock.millis())
              .execute();
          String secret =
              handle
                  .createQuery("SELECT secret FROM service_keys WHERE name = ?")
                  .bind(0, name)
                  .mapTo(String.class)
                  .one();
          return Base64.getDecoder().decode(secret);
        });
  }
}
