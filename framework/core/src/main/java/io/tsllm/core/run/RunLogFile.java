package io.tsllm.core.run;

import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Copies everything logged during a run into the run folder's log, with timestamps, through whichever logging
 * backend SLF4J is bound to: logback (framework.jar) or Log4j 2 (Spark's, under spark-submit). Runs side by side in
 * one JVM (a suite's cells, Spark tasks) each keep their own log: the run's thread is tagged, and a log takes the
 * lines of its own thread and the untagged ones (the framework's worker threads) only.
 */
final class RunLogFile implements AutoCloseable {

  /** The MDC key tagging a run's thread with its log file. */
  static final String RUN_KEY = "tsllm.run";
  static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{30} - %msg%n";

  /** Detaches the backend's file appender. */
  interface Attached extends AutoCloseable {
    @Override
    void close();
  }

  private final Attached attached;

  private RunLogFile(Attached attached) {
    this.attached = attached;
  }

  static RunLogFile attach(Path file) {
    String run = file.toAbsolutePath().toString();
    // Chosen by the bound factory's class name, so that the other backend's classes are never loaded.
    String factory = LoggerFactory.getILoggerFactory().getClass().getName();
    Attached attached;
    if (factory.startsWith("ch.qos.logback.")) {
      attached = LogbackRunLog.attach(file, run);
    } else if (factory.startsWith("org.apache.logging.slf4j.")) {
      attached = Log4jRunLog.attach(file, run);
    } else {
      LoggerFactory.getLogger(RunLogFile.class).warn("{} is not written: SLF4J is bound to {}, and the run log is"
          + " written through logback or Log4j 2 only", file, factory);
      return new RunLogFile(null);
    }
    MDC.put(RUN_KEY, run);
    return new RunLogFile(attached);
  }

  @Override
  public void close() {
    if (attached != null) {
      attached.close();
      MDC.remove(RUN_KEY);
    }
  }
}
