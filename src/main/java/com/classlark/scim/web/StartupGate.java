package com.classlark.scim.web;

/**
 * Whether the service has finished starting: the server listens before the database pool is open
 * and the migrations are applied, so that {@code /healthz} answers at once; until {@link
 * #markStarted()}, {@code /readyz} answers 503 and every other request gets 503 with {@code
 * Retry-After}, in the format of the adapter that owns its path, without reaching that adapter.
 */
public final class StartupGate {
  private volatile boolean started;

  private StartupGate(boolean started) {
    this.started = started;
  }

  /** A gate that holds requests back until {@link #markStarted()}. */
  public static StartupGate starting() {
    return new StartupGate(false);
  }

  /** A gate that lets every request through: the service started before the server. */
  public static StartupGate started() {
    return new StartupGate(true);
  }

  /** Lets requests through from now on. */
  public void markStarted() {
    started = true;
  }

  public boolean isStarted() {
    return started;
  }
}
