package com.classlark.scim.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The format of the log on stderr: {@code text} (one readable line per event) or {@code json} (one
 * JSON object per line, for a log collector). {@code logback.xml} holds both; the format is picked
 * by the property {@value #PROPERTY}, read from the environment at start and set by {@code serve
 * --log-format}.
 */
enum LogFormat {
  TEXT,
  JSON;

  static final String PROPERTY = "CLASSLARK_LOG_FORMAT";

  /** The name used on the command line and in {@value #PROPERTY}. */
  String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reconfigures logging for this format, unless it is already the one in use. */
  void apply() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    String current = context.getProperty(PROPERTY);
    if (current == null) {
      current = System.getenv().getOrDefault(PROPERTY, TEXT.value());
    }
    if (current.equals(value())) {
      return;
    }
    URL configuration = LogFormat.class.getResource("/logback.xml");
    context.reset();
    context.putProperty(PROPERTY, value());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(configuration);
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure logging from " + configuration, e);
    }
  }

  /** Picocli's converter: {@code text} or {@code json}, in any case. */
  static LogFormat parse(String text) {
    for (LogFormat format : values()) {
      if (format.value().equalsIgnoreCase(text.strip())) {
        return format;
      }
    }
    throw new IllegalArgumentException("expected text or json, got '" + text + "'");
  }
}
