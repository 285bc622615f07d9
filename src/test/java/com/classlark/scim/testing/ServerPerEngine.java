package com.classlark.scim.testing;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of HTTP test classes: the whole class runs once per database engine, against one real server
 * on a random port over a fresh database of that engine, with one school and its token.
 *
 * <p>A class whose server needs other settings hides {@link #startServer(Engine)} with its own
 * {@code @BeforeParameterizedClassInvocation static void startServer(Engine engine)} that calls
 * {@link #start(TestServer)} with the server it started; JUnit runs only the hiding method.
 */
@ParameterizedClass
@EnumSource(Engine.class)
public abstract class ServerPerEngine {
  protected static TestServer server;
  protected static ScimClient client;

  @Parameter protected Engine engine;

  @BeforeParameterizedClassInvocation
  static void startServer(Engine engine) {
    start(TestServer.start(engine));
  }

  /** Makes {@code started} the class's server, closed after the invocation. */
  protected static void start(TestServer started) {
    server = started;
    client = started.client();
  }

  @AfterParameterizedClassInvocation
  static void stopServer() {
    server.close();
  }
}
