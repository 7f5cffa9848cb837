package io.tsllm.core.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.slf4j.LoggerFactory;

/** Turns the console down to warnings and errors; the run's own log file still records everything. */
final class ConsoleVerbosity {

  private ConsoleVerbosity() {}

  static void warningsOnly() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Appender<ILoggingEvent> console = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("console");
    if (console != null) {
      ThresholdFilter filter = new ThresholdFilter();
      filter.setLevel(Level.WARN.levelStr);
      filter.start();
      console.addFilter(filter);
    }
    // The progress bar draws on the terminal directly; it follows this logger's level.
    context.getLogger("io.tsllm.core.train.TrainingProgress.bar").setLevel(Level.OFF);
  }
}
