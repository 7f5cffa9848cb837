package io.tsllm.core.train;

import io.tsllm.core.config.TrainingConfig;
import io.tsllm.core.distributed.Collectives;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.graph.Parameter;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.SeededShuffle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Times the training step of one worker of a distributed training (run on every worker at once): the whole step,
 * with this worker's share of the global batch and the gradient exchange, and the exchange alone, an all-reduce of
 * as many floats as the trainable parameters (a collective group of its own), with no step around it: packed into
 * one buffer as training packs them, and as one all-reduce per trainable tensor.
 */
public final class ReplicaStepBenchmark {

  private static final int WARM_UP = 2;
  /** The benchmark's own all-reduce, beside the training graph's group. */
  private static final int EXCHANGE_GROUP_KEY = 2;
  private static final int UNPACKED_GROUP_KEY = 3;

  /**
   * @param trainingStep median seconds of a distributed training step (global batch {@code batchSize})
   * @param exchange median seconds of the all-reduce of the gradients' floats alone, packed as training packs them
   * @param tensors the trainable tensors
   * @param unpacked median seconds of the same floats as one all-reduce per tensor
   * @param gradientBytes the bytes each worker contributes to a step's all-reduce (float32 gradients)
   * @param ringBytesPerWorker what a ring all-reduce sends from each worker: 2 (N - 1) / N of the gradients
   */
  public record Result(int steps, int workers, int batchSize, int shardSize, double trainingStep, double exchange,
      int tensors, double unpacked, long gradientBytes, long ringBytesPerWorker) {}

  public Result measure(ModelGraph model, Dataset data, TrainingConfig config, long seed, int steps,
      Replicas replicas) {
    replicas.checkSupported(model, config);
    TrainingGraph training = TrainingGraph.build(model, config, Optional.of(replicas));
    long floats = model.trainableParameters().stream().map(Parameter::variable)
        .mapToLong(v -> v.shape().size()).sum();
    Ops tf = Ops.create(model.graph()).withSubScope("exchange_benchmark");
    Operand<TFloat32> exchanged = new Collectives(tf, replicas.workers(), EXCHANGE_GROUP_KEY)
        .sum(tf.fill(tf.constant(new long[] {floats}), tf.constant(0f)), ReplicaGraph.STEP_TIMEOUT_SECONDS);
    Operand<TFloat32> exchangeDone = tf.reduceSum(exchanged, tf.constant(0));
    // The same floats as one all-reduce per trainable tensor, unpacked: what packing saves.
    Collectives perTensor = new Collectives(tf, replicas.workers(), UNPACKED_GROUP_KEY);
    List<Operand<TFloat32>> sums = new ArrayList<>();
    for (Parameter parameter : model.trainableParameters()) {
      Operand<TFloat32> zeros = tf.fill(tf.constant(parameter.variable().shape().asArray()), tf.constant(0f));
      Operand<TFloat32> summed = perTensor.sum(zeros, ReplicaGraph.STEP_TIMEOUT_SECONDS);
      sums.add(tf.reduceSum(summed, tf.range(tf.constant(0), tf.rank(summed), tf.constant(1))));
    }
    Operand<TFloat32> unpackedDone = tf.math.addN(sums);
    int batchSize = config.batchSize();
    Replicas.Shard shard = replicas.shard(batchSize);
    WindowBatch batch = new WindowBatch(model.shape(), batchSize);
    int[] order = SeededShuffle.permutation(data.train().size(), seed);
    double[] stepTimes = new double[steps];
    double[] exchangeTimes = new double[steps];
    double[] unpackedTimes = new double[steps];
    try (Session session = replicas.open(model.graph(), Trainer.sessionConfig(config))) {
      session.initialize();
      ReplicaGraph replicaGraph = training.replicas().orElseThrow();
      replicas.awaitPeers();
      replicas.checkSameSetup(session, replicaGraph);
      replicas.start(session, replicaGraph, TrainingState.start());
      for (int i = 0; i < WARM_UP + steps; i++) {
        long started = System.nanoTime();
        int from = (i * batchSize) % Math.max(1, order.length - batchSize + 1);
        batch.fillShard(data.train(), order, from, shard);
        Trainer.runStep(session, model, training, batch, seed, i + 1, config.learningRate(), 0.9, false, null,
            metadata -> {});
        if (i >= WARM_UP) {
          stepTimes[i - WARM_UP] = (System.nanoTime() - started) / 1e9;
        }
      }
      for (int i = 0; i < WARM_UP + steps; i++) {
        long started = System.nanoTime();
        session.runner().fetch(exchangeDone).run().close();
        if (i >= WARM_UP) {
          exchangeTimes[i - WARM_UP] = (System.nanoTime() - started) / 1e9;
        }
      }
      for (int i = 0; i < WARM_UP + steps; i++) {
        long started = System.nanoTime();
        session.runner().fetch(unpackedDone).run().close();
        if (i >= WARM_UP) {
          unpackedTimes[i - WARM_UP] = (System.nanoTime() - started) / 1e9;
        }
      }
    }
    int workers = replicas.workers();
    return new Result(steps, workers, batchSize, shard.size(), StepBenchmark.median(stepTimes),
        StepBenchmark.median(exchangeTimes), model.trainableParameters().size(), StepBenchmark.median(unpackedTimes),
        4 * floats, 4 * floats * 2 * (workers - 1) / workers);
  }
}
