package io.tsllm.core.suite;

import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.train.StopSignal;
import io.tsllm.core.train.TrainingInterruptedException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a suite's cells on this machine: one after another, or {@code parallel} at a time with the cores split
 * between them. A failed cell is recorded and the others go on; a stop request (Ctrl-C) stops every running cell
 * at a resumable checkpoint and starts no new one.
 */
public final class LocalSuiteRunner {

  private final CellRunner cells;
  private final JsonRecords records;
  private final Set<StopSignal> running = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  @Inject
  public LocalSuiteRunner(CellRunner cells, JsonRecords records) {
    this.cells = cells;
    this.records = records;
  }

  /**
   * @param parallel cells at a time
   * @param threadsPerCell TensorFlow threads per cell; 0 splits the cores evenly between the parallel cells
   * @param progress receives one line per cell as it ends
   * @return each cell's outcome, in plan order
   * @throws TrainingInterruptedException when stopped; finished cells are recorded, running ones are resumable
   */
  public List<CellOutcome> run(SuitePlan plan, SuiteFolder folder, int parallel, int threadsPerCell,
      boolean retryFailed, Consumer<String> progress) {
    return run(plan, folder, parallel, threadsPerCell, retryFailed, cell -> true, progress);
  }

  /** @param include which of the plan's cells this invocation runs (the others are left as they are) */
  public List<CellOutcome> run(SuitePlan plan, SuiteFolder folder, int parallel, int threadsPerCell,
      boolean retryFailed, java.util.function.Predicate<SuiteCell> include, Consumer<String> progress) {
    List<SuiteCell> selected = plan.cells().stream().filter(include).toList();
    int threads = threadsPerCell > 0 ? threadsPerCell
        : parallel == 1 ? 0 : Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
    AtomicInteger done = new AtomicInteger();
    int total = selected.size();
    ExecutorService pool = Executors.newFixedThreadPool(parallel, runnable -> {
      Thread thread = new Thread(runnable, "tsllm-suite-cell");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<CellOutcome>> futures = new ArrayList<>();
      for (SuiteCell cell : selected) {
        futures.add(pool.submit(() -> {
          if (stopping) {
            throw new TrainingInterruptedException("before cell " + cell.id());
          }
          StopSignal stop = new StopSignal();
          running.add(stop);
          try {
            CellOutcome outcome = cells.run(cell, folder, retryFailed, threads, Duration.ZERO, stop);
            folder.record(outcome);
            progress.accept(String.format(java.util.Locale.ROOT, "[%d/%d] %s", done.incrementAndGet(), total,
                SuiteConsole.describe(outcome, folder, records)));
            return outcome;
          } finally {
            running.remove(stop);
          }
        }));
      }
      List<CellOutcome> outcomes = new ArrayList<>();
      TrainingInterruptedException interrupted = null;
      for (Future<CellOutcome> future : futures) {
        try {
          outcomes.add(future.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof TrainingInterruptedException stopped) {
            interrupted = interrupted == null ? stopped : interrupted;
          } else if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          } else {
            throw new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TrainingInterruptedException("while waiting for the cells");
        }
      }
      if (interrupted != null) {
        throw interrupted;
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Ctrl-C: no new cell starts; each running cell saves a resumable checkpoint and stops. */
  public void stop(long timeoutSeconds) {
    stopping = true;
    List<Thread> waits = new ArrayList<>();
    for (StopSignal signal : running) {
      Thread wait = new Thread(() -> signal.requestAndWait(timeoutSeconds));
      wait.start();
      waits.add(wait);
    }
    for (Thread wait : waits) {
      try {
        wait.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
