package io.tsllm.core.train;

import io.tsllm.spi.WindowShape;
import io.tsllm.spi.WindowSplit;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The training batches of one epoch, each filled on a background thread while the step before it runs, so that
 * reading windows (a CSV series in memory, HDF5 traces from disk) does not make the step wait. Two buffers
 * alternate; the order of windows is the epoch's shuffled order, so results are the same bit for bit as filling on
 * the training thread. A failure while filling is thrown by {@link #batch} as it happened.
 */
final class BatchPrefetcher implements AutoCloseable {

  private final WindowSplit split;
  private final int[] order;
  private final int batchSize;
  private final int steps;
  private final WindowBatch[] buffers;
  private final ExecutorService filler = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "tsllm-batch-filler");
    thread.setDaemon(true);
    return thread;
  });
  private final Optional<Sharding> sharding;
  private Future<?> pending;
  private int pendingStep = -1;

  /** Which of a step's windows this worker of a distributed training takes. */
  interface Sharding {
    Replicas.Shard shard(int count);
  }

  BatchPrefetcher(WindowShape shape, WindowSplit split, int[] order, int batchSize, int steps) {
    this(shape, split, order, batchSize, steps, Optional.empty());
  }

  /** @param sharding this worker's share of each step's batch, or empty for all of it */
  BatchPrefetcher(WindowShape shape, WindowSplit split, int[] order, int batchSize, int steps,
      Optional<Sharding> sharding) {
    this.split = split;
    this.order = order;
    this.batchSize = batchSize;
    this.steps = steps;
    this.sharding = sharding;
    this.buffers = new WindowBatch[] {new WindowBatch(shape, batchSize), new WindowBatch(shape, batchSize)};
  }

  /** Step {@code step}'s batch (0-based in the epoch), filled; the next step's starts filling meanwhile. */
  WindowBatch batch(int step) {
    if (pendingStep == step) {
      await(pending);
    } else {
      fill(step);
    }
    if (step + 1 < steps) {
      pendingStep = step + 1;
      pending = filler.submit(() -> fill(step + 1));
    } else {
      pendingStep = -1;
    }
    return buffers[step % 2];
  }

  private void fill(int step) {
    int from = step * batchSize;
    int count = Math.min(batchSize, order.length - from);
    if (sharding.isEmpty()) {
      buffers[step % 2].fill(split, order, from, count);
      return;
    }
    Replicas.Shard shard = sharding.get().shard(count);
    buffers[step % 2].fillShard(split, order, from, shard);
  }

  private static void await(Future<?> filling) {
    try {
      filling.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while filling a batch", e);
    }
  }

  @Override
  public void close() {
    filler.shutdownNow();
  }
}
