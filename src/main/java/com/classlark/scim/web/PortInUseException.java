package com.classlark.scim.web;

/** The port the server should listen on is already taken. */
public final class PortInUseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PortInUseException(String host, int port, Throwable cause) {
    super(
        "port "
            + port
            + " on "
            + host
            + " is already in use; choose another with --port or CLASSLARK_PORT",
        cause);
  }

  /** A port other than the main one, with a message that names its own option. */
  public PortInUseException(String message, Throwable cause) {
    super(message, cause);
  }
}
