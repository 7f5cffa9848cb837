package io.tsllm.core.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.tsllm.core.ConsoleMarkers;
import org.slf4j.LoggerFactory;

/** Turns the console down to warnings and errors; the run's own log file still records everything. */
final class ConsoleVerbosity {

  private ConsoleVerbosity() {}

  /**
   * Warnings and errors only; with {@code essentials}, also the lines marked {@link ConsoleMarkers#ESSENTIAL} (the
   * run folder, the resume command), as {@code --quiet} wants. {@code --json} keeps stdout to its JSON lines.
   */
  static void warningsOnly(boolean essentials) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Appender<ILoggingEvent> console = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("console");
    if (console != null) {
      Filter<ILoggingEvent> filter = new Filter<>() {
        @Override
        public FilterReply decide(ILoggingEvent event) {
          if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
          }
          boolean essential = event.getMarkerList() != null && event.getMarkerList().contains(ConsoleMarkers.ESSENTIAL);
          return essentials && essential ? FilterReply.NEUTRAL : FilterReply.DENY;
        }
      };
      filter.start();
      console.addFilter(filter);
    }
    // The progress bar draws on the terminal directly; it follows this logger's level.
    context.getLogger("io.tsllm.core.train.TrainingProgress.bar").setLevel(Level.OFF);
  }
}
