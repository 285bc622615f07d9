package com.classlark.scim.testing;

import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of HTTP test classes: the whole class runs once per database engine, against one real server
 * on a random port over a fresh database of that engine, with one school and its token.
 */
@ParameterizedClass
@EnumSource(Engine.class)
public abstract class ServerPerEngine {
  protected static TestServer server;
  protected static ScimClient client;

  @Parameter protected Engine engine;

  @BeforeParameterizedClassInvocation
  static void startServer(Engine engine) {
    server = TestServer.start(engine);
    client = server.client();
  }

  @AfterParameterizedClassInvocation
  static void stopServer() {
    server.close();
  }
}
