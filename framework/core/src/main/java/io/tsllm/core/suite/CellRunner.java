package io.tsllm.core.suite;

import io.tsllm.core.UserInputException;
import io.tsllm.core.config.ConfigOverrides;
import io.tsllm.core.io.AtomicFiles;
import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.io.OutputFault;
import io.tsllm.core.run.ExperimentRunner;
import io.tsllm.core.run.RunDirectory;
import io.tsllm.core.run.RunOptions;
import io.tsllm.core.run.RunState;
import io.tsllm.core.run.RunStatus;
import io.tsllm.core.train.StopSignal;
import io.tsllm.core.train.TrainingInterruptedException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one cell to an end in its folder: skips it when completed, resumes it from its {@code last} checkpoint
 * when interrupted or killed, starts it when new (or when killed before its first checkpoint, which left nothing
 * to resume), and reruns a failed one only when asked, keeping the failed attempt under {@code failed/}. The same
 * code runs a cell locally and in a Spark task.
 */
public final class CellRunner {

  private static final Logger LOG = LoggerFactory.getLogger(CellRunner.class);
  private static final long POLL_MILLIS = 500;

  private final ExperimentRunner runner;
  private final JsonRecords records;

  @Inject
  public CellRunner(ExperimentRunner runner, JsonRecords records) {
    this.runner = runner;
    this.records = records;
  }

  /**
   * @param threads TensorFlow threads for the cell (0: every core); recorded in its config
   * @param lockWait how long to wait for a process still holding the cell's folder (a lost Spark executor that
   *     has not exited yet) before giving up on the cell
   * @throws TrainingInterruptedException when {@code stop} was requested: the cell is left resumable
   */
  public CellOutcome run(SuiteCell cell, SuiteFolder suite, boolean retryFailed, int threads, Duration lockWait,
      StopSignal stop) {
    long start = System.nanoTime();
    Path folder = suite.cell(cell.id());
    String action = "ran";
    try {
      if (Files.exists(folder)) {
        awaitLock(folder, lockWait);
        Optional<RunStatus> status = records.readIfPresent(folder.resolve(RunDirectory.STATUS), RunStatus.class);
        RunState state = status.map(RunStatus::state).orElse(null);
        if (state == RunState.COMPLETED && Files.isRegularFile(folder.resolve(RunDirectory.METRICS))) {
          return new CellOutcome(cell.id(), "skipped", "completed", null, seconds(start));
        }
        if (state == RunState.FAILED) {
          String error = status.get().error();
          if (!retryFailed) {
            return new CellOutcome(cell.id(), "not run", "failed", error, seconds(start));
          }
          Path kept = suite.failedAttempt(cell.id());
          Files.createDirectories(kept.getParent());
          AtomicFiles.move(folder, kept);
          LOG.info("cell {}: failed earlier ({}); that attempt is kept in {}", cell.id(), error, kept);
          action = "retried";
        } else if (resumable(folder)) {
          LOG.info("cell {}: resuming from its last checkpoint", cell.id());
          runner.resume(folder, new RunOptions(null, commandLine(cell, "resume"), null), stop);
          return new CellOutcome(cell.id(), "resumed", "completed", null, seconds(start));
        } else {
          // Killed before its first checkpoint: nothing was learned that a fresh start would not redo exactly.
          AtomicFiles.deleteTree(folder);
        }
      }
      runner.run(cell.experimentFile(), RunOptions.inFolder(folder, commandLine(cell, "run"),
          withThreads(cell, threads)), stop);
      return new CellOutcome(cell.id(), action, "completed", null, seconds(start));
    } catch (TrainingInterruptedException e) {
      throw e;
    } catch (IOException e) {
      return new CellOutcome(cell.id(), action, "failed", OutputFault.describe(new UncheckedIOException(e)),
          seconds(start));
    } catch (RuntimeException | Error e) {
      String error = e instanceof UserInputException ? e.getMessage() : OutputFault.describe(e);
      LOG.warn("cell {} failed: {}", cell.id(), error);
      return new CellOutcome(cell.id(), action, "failed", error, seconds(start));
    }
  }

  /** A run folder with its config, provenance and a {@code last} checkpoint can be resumed exactly. */
  private static boolean resumable(Path folder) {
    Path checkpoints = folder.resolve(RunDirectory.CHECKPOINTS);
    return Files.isRegularFile(folder.resolve(RunDirectory.CONFIG))
        && Files.isRegularFile(folder.resolve(RunDirectory.PROVENANCE))
        && (Files.isRegularFile(checkpoints.resolve("last.json"))
            || Files.isRegularFile(checkpoints.resolve("last.previous.json")));
  }

  private static void awaitLock(Path folder, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (RunDirectory.isHeld(folder)) {
      if (System.nanoTime() >= deadline) {
        throw new UserInputException(folder + " is being run by another process; wait for it to end, or stop it,"
            + " before running this suite again");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TrainingInterruptedException("while waiting for " + folder);
      }
    }
  }

  private static ConfigOverrides withThreads(SuiteCell cell, int threads) {
    List<String> changes = new ArrayList<>(cell.changes());
    if (threads > 0) {
      changes.add("training.threads=" + threads);
    }
    return new ConfigOverrides(changes);
  }

  private static List<String> commandLine(SuiteCell cell, String how) {
    return List.of("suite", how, "cell", cell.id());
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
