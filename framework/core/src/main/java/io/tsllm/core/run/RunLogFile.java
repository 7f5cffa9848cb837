package io.tsllm.core.run;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Copies everything logged during a run into the run folder's log, with timestamps. */
final class RunLogFile implements AutoCloseable {

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
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    return new RunLogFile(appender, root);
  }

  @Override
  public void close() {
    if (appender != null) {
      root.detachAppender(appender);
      appender.stop();
    }
  }
}
