package com.classlark.scim.web;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.Graceful;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the server without cutting a request off and without a load balancer sending it requests it
 * then refuses:
 *
 * <ol>
 *   <li>{@code /readyz} answers 503 at once;
 *   <li>for the drain window, requests are still served, so that a load balancer polling {@code
 *       /readyz} (or a Kubernetes endpoint update) stops routing here first;
 *   <li>then the listening socket closes, so new connections are refused; a request that arrives on
 *       an open connection gets 503 without being processed, and every response closes its
 *       connection;
 *   <li>requests in flight get up to the timeout to finish; then the remaining connections close.
 * </ol>
 *
 * A request is therefore either answered as usual, or refused before anything of it was processed.
 */
final class GracefulShutdown {
  private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

  private final ShutdownSettings settings;
  private final GracefulHandler requests = new GracefulHandler();
  private volatile boolean draining;
  private volatile Server server;

  GracefulShutdown(ShutdownSettings settings) {
    this.settings = settings;
  }

  /** Counts the server's requests in flight and refuses new ones once the stop began. */
  void install(Server server) {
    this.server = server;
    server.insertHandler(requests);
  }

  /** True from the start of the shutdown on: {@code /readyz} answers 503. */
  boolean draining() {
    return draining;
  }

  /**
   * Drains and stops accepting requests, waits for those in flight, then runs {@code stop}.
   *
   * @return true when every request in flight finished within the timeout
   */
  boolean stop(Runnable stop) {
    draining = true;
    log.info(
        "shutting down: /readyz answers 503; serving for {} ms more so that load balancers notice",
        settings.drain().toMillis());
    boolean finished = false;
    try {
      Thread.sleep(settings.drain());
      log.info(
          "no longer accepting requests; waiting up to {} ms for {} in flight",
          settings.timeout().toMillis(),
          requests.getCurrentRequestCount());
      // The listening sockets first, so that a client refused below is not accepted again when it
      // reconnects; then the handler, so that from the moment connections start closing no request
      // is processed. The kernel closes a listening socket once Jetty's acceptor thread, blocked
      // in accept(), has woken up: a few milliseconds later on a busy machine.
      for (Connector connector : server.getConnectors()) {
        if (connector instanceof NetworkConnector listening) {
          listening.close();
        }
      }
      requests.shutdown();
      Graceful.shutdown(server).get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      finished = true;
    } catch (TimeoutException e) {
      log.warn(
          "{} requests were still in flight after the shutdown timeout of {} ms; closing their"
              + " connections",
          requests.getCurrentRequestCount(),
          settings.timeout().toMillis());
    } catch (ExecutionException e) {
      log.warn("the server did not shut down gracefully; closing its connections", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("interrupted while shutting down; closing the server's connections");
    }
    stop.run();
    return finished;
  }
}
