package io.tsllm.core.train;

import io.tsllm.core.config.TrainingConfig;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.core.model.ParameterTable;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.ParameterRole;
import io.tsllm.spi.SeededShuffle;
import io.tsllm.spi.WindowSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Session;

/**
 * Times an experiment as configured: warm-up steps, then {@code steps} training steps (the real step: batch fill,
 * feeds, AdamW, training updates) and as many forward passes over one evaluation batch (the real evaluation path),
 * and estimates an epoch and the whole run from their medians.
 */
public final class StepBenchmark {

  private static final int WARM_UP = 2;

  /**
   * What was measured and estimated.
   *
   * @param trainingStep median seconds of a training step of {@code batchSize} windows
   * @param forwardPass median seconds of a forward pass over {@code evalBatchSize} windows
   * @param epochSeconds an epoch's training steps and validation pass, estimated
   * @param runSeconds every epoch and the test pass, estimated (early stopping may end sooner)
   * @param gflops achieved GFLOP/s of a training step, by the usual estimate: 2 FLOPs per parameter forward, 2
   *     backward through it and 2 more for a trainable one's gradient, counted per token for the embedder's and the
   *     backbone's weights and per sequence for the head's (attention's own products and position lookups left out)
   * @param peakRssBytes the process's peak resident memory, or -1 where unknown
   */
  public record Result(int steps, int batchSize, int evalBatchSize, double trainingStep, double forwardPass,
      int stepsPerEpoch, double epochSeconds, double runSeconds, double gflops, long peakRssBytes) {}

  public Result measure(ModelGraph model, Dataset data, TrainingConfig config, long seed, int steps) {
    TrainingGraph training = TrainingGraph.build(model, config);
    int batchSize = config.batchSize();
    WindowBatch batch = new WindowBatch(model.shape(), batchSize);
    int[] order = SeededShuffle.permutation(data.train().size(), seed);
    double[] stepTimes = new double[steps];
    double[] forwardTimes = new double[steps];
    WindowSplit forwardSplit = firstWindows(data.validation().size() > 0 ? data.validation() : data.train(),
        config.evalBatchSize());
    try (Session session = new Session(model.graph(), Trainer.sessionConfig(config))) {
      session.initialize();
      for (int i = 0; i < WARM_UP + steps; i++) {
        long started = System.nanoTime();
        batch.fillCycling(data.train(), order, i, batchSize);
        Trainer.runStep(session, model, training, batch, seed, i + 1, config.learningRate());
        if (i >= WARM_UP) {
          stepTimes[i - WARM_UP] = (System.nanoTime() - started) / 1e9;
        }
      }
      for (int i = 0; i < WARM_UP + steps; i++) {
        long started = System.nanoTime();
        Evaluation.run(session, model, forwardSplit, new Discard(), config.evalBatchSize());
        if (i >= WARM_UP) {
          forwardTimes[i - WARM_UP] = (System.nanoTime() - started) / 1e9;
        }
      }
    }
    double step = median(stepTimes);
    double forward = median(forwardTimes);
    int stepsPerEpoch = Trainer.stepsPerEpoch(data.train().size(), config);
    double perWindowForward = forward / forwardSplit.size();
    double epoch = stepsPerEpoch * step + data.validation().size() * perWindowForward;
    double run = config.epochs() * epoch + data.test().size() * perWindowForward;
    ParameterTable parameters = ParameterTable.of(model);
    double sequences = (double) batchSize * model.sequencesPerWindow();
    double flops = 0;
    for (ParameterRole role : ParameterRole.values()) {
      if (role == ParameterRole.POSITION_EMBEDDING) {
        continue;
      }
      long trainable = parameters.trainable().getOrDefault(role, 0L);
      long frozen = parameters.frozen().getOrDefault(role, 0L);
      double uses = role == ParameterRole.HEAD ? sequences : sequences * model.tokenCount();
      flops += uses * (4.0 * (trainable + frozen) + 2.0 * trainable);
    }
    return new Result(steps, batchSize, config.evalBatchSize(), step, forward, stepsPerEpoch, epoch, run,
        flops / step / 1e9, peakRss());
  }

  /** The first {@code count} windows of a split (all of them when it has fewer). */
  private static WindowSplit firstWindows(WindowSplit split, int count) {
    return new WindowSplit() {
      public int size() {
        return Math.min(count, split.size());
      }

      public void copyInput(int index, float[] dest, int offset) {
        split.copyInput(index, dest, offset);
      }

      public void copyTarget(int index, float[] dest, int offset) {
        split.copyTarget(index, dest, offset);
      }
    };
  }

  /** Forward passes are timed, not scored. */
  private static final class Discard implements Evaluator {
    public void add(EvaluationBatch batch) {}

    public Map<String, Double> metrics() {
      return Map.of();
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  /** The process's peak resident memory in bytes (VmHWM), or -1 where unknown. */
  static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or unreadable: unknown
    }
    return -1;
  }
}
