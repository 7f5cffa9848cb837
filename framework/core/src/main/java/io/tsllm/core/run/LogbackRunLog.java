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

/** A run's log through logback: a file appender on the root logger, taking its run's lines and untagged ones. */
final class LogbackRunLog {

  private LogbackRunLog() {}

  static RunLogFile.Attached attach(Path file, String run) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(RunLogFile.PATTERN);
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("run-log:" + file);
    appender.setFile(file.toString());
    appender.setEncoder(encoder);
    Filter<ILoggingEvent> ownThread = new Filter<>() {
      @Override
      public FilterReply decide(ILoggingEvent event) {
        String tag = event.getMDCPropertyMap().get(RunLogFile.RUN_KEY);
        return tag == null || tag.equals(run) ? FilterReply.NEUTRAL : FilterReply.DENY;
      }
    };
    ownThread.start();
    appender.addFilter(ownThread);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    return () -> {
      root.detachAppender(appender);
      appender.stop();
    };
  }
}
