package org.acai.cli.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the in-process server's log lines out of the demo's narrative; warnings still show. */
final class Quiet {
  private Quiet() {}

  static void serverLogs() {
    for (String name : new String[] {Logger.ROOT_LOGGER_NAME, "acai.access"}) {
      if (LoggerFactory.getLogger(name) instanceof Logger logger) {
        logger.setLevel(Level.WARN);
      }
    }
  }
}
