package io.tsllm.core.run;

import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * A run's log through Log4j 2, the backend Spark binds SLF4J to under spark-submit: a file appender on the root
 * logger configuration, taking its run's lines and untagged ones. It holds what the configured levels let through
 * (INFO with Spark's defaults). Log4j 2 is not bundled; this class is loaded only when it is the bound backend.
 */
final class Log4jRunLog {

  private Log4jRunLog() {}

  static RunLogFile.Attached attach(Path file, String run) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration configuration = context.getConfiguration();
    PatternLayout layout = PatternLayout.newBuilder().withConfiguration(configuration)
        .withPattern(RunLogFile.PATTERN.replace("%logger{30}", "%c{1.}")).build();
    Filter ownThread = new AbstractFilter() {
      @Override
      public Result filter(LogEvent event) {
        String tag = event.getContextData().getValue(RunLogFile.RUN_KEY);
        return tag == null || tag.equals(run) ? Result.NEUTRAL : Result.DENY;
      }
    };
    ownThread.start();
    FileAppender appender = FileAppender.newBuilder().setConfiguration(configuration).setName("run-log:" + file)
        .withFileName(file.toString()).withAppend(true).setLayout(layout).setFilter(ownThread).build();
    appender.start();
    LoggerConfig root = configuration.getRootLogger();
    synchronized (Log4jRunLog.class) {
      root.addAppender(appender, null, null);
      context.updateLoggers();
    }
    return () -> {
      synchronized (Log4jRunLog.class) {
        root.removeAppender(appender.getName());
        context.updateLoggers();
      }
      appender.stop();
    };
  }
}
