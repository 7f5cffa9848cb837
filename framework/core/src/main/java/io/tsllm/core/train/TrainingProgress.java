package io.tsllm.core.train;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows an epoch's progress: a console progress bar (steps/s, ETA, running loss) on a terminal, a log line at
 * every quarter of the epoch otherwise, so CI logs and run logs stay readable.
 */
final class TrainingProgress implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingProgress.class);
  /** Off in quiet mode; the bar is drawn only while this logger is enabled for INFO. */
  private static final Logger BAR = LoggerFactory.getLogger(TrainingProgress.class.getName() + ".bar");
  private final ProgressBar bar;
  private final String task;
  private final int steps;
  private int done;

  /** @param done steps already taken (a resumed epoch) */
  TrainingProgress(String task, int steps, int done) {
    this.task = task;
    this.steps = steps;
    this.done = done;
    this.bar = System.console() == null || !BAR.isInfoEnabled()
        ? null
        : new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(steps)
            .startsFrom(done, java.time.Duration.ZERO)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(500)
            .showSpeed()
            .build();
  }

  void step(double runningLoss) {
    done++;
    String message = String.format(Locale.ROOT, "loss %.4f", runningLoss);
    if (bar != null) {
      bar.step();
      bar.setExtraMessage(message);
    } else if (steps >= 4 && done % (steps / 4) == 0 && done < steps) {
      LOG.info("{}: step {}/{}, {}", task, done, steps, message);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
