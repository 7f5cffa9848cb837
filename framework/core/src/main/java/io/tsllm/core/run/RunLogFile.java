package io.tsllm.core.run;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Copies everything logged during a run into the run folder's log, with timestamps. Runs side by side in one JVM (a
 * suite's cells, Spark tasks) each keep their own log: the run's thread is tagged, and a log takes the lines of its
 * own thread and the untagged ones (the framework's worker threads) only.
 */
final class RunLogFile implements AutoCloseable {

  /** The MDC key tagging a run's thread with its log file. */
  static final String RUN_KEY = "tsllm.run";

  private final FileAppender<ILoggingEvent> appender;
  private final ch.qos.logback.classic.Logger root;

  private RunLogFile(FileAppender<ILoggingEvent> appender, ch.qos.logback.classic.Logger root) {
    this.appender = appender;
    this.root = root;
  }

  static RunLogFile attach(Path file) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return new RunLogFile(null, null);
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{30} - %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("run-log:" + file);
    appender.setFile(file.toString());
    appender.setEncoder(encoder);
    String run = file.toAbsolutePath().toString();
    Filter<ILoggingEvent> ownThread = new Filter<>() {
      @Override
      public FilterReply decide(ILoggingEvent event) {
        String tag = event.getMDCPropertyMap().get(RUN_KEY);
        return tag == null || tag.equals(run) ? FilterReply.NEUTRAL : FilterReply.DENY;
      }
    };
    ownThread.start();
    appender.addFilter(ownThread);
    appender.start();
    MDC.put(RUN_KEY, run);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    return new RunLogFile(appender, root);
  }

  @Override
  public void close() {
    if (appender != null) {
      root.detachAppender(appender);
      appender.stop();
      MDC.remove(RUN_KEY);
    }
  }
}
