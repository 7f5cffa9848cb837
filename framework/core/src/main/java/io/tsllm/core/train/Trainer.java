package io.tsllm.core.train;

import io.tsllm.core.config.Precision;
import io.tsllm.core.config.TrainingConfig;
import io.tsllm.core.model.HostInputTensors;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.spi.MetricSpec.Direction;
import io.tsllm.spi.SeededShuffle;
import io.tsllm.spi.WindowSplit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Trains a model graph: shuffled training windows each epoch (the order a function of seed and epoch), AdamW with
 * a scheduled learning rate, a full validation pass after each epoch, the best weights by the monitored validation
 * score checkpointed as {@code best} and restored for the final test pass, early stopping after {@code patience}
 * epochs without improvement. Everything that decides the next step is saved in the {@code last} checkpoint, so a
 * run resumed from it continues exactly as if it had not stopped.
 */
public final class Trainer {

  public static final String BEST = "best";
  public static final String LAST = "last";
  /** Appended to a test metric's name for its value under drop_last (the published tables' protocol). */
  public static final String DROP_LAST_SUFFIX = "_drop_last";
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  /**
   * @param resume continue from the job's {@code last} checkpoint instead of from scratch
   */
  public TrainingOutcome train(TrainingJob job, boolean resume, StopSignal stop, TrainingListener listener) {
    return train(job, resume, stop, listener, Optional.empty());
  }

  /**
   * @param replicas this process as one worker of a distributed training; the chief (worker 0) restores, validates,
   *     checkpoints and tests, the others train beside it and return an outcome without test metrics
   */
  public TrainingOutcome train(TrainingJob job, boolean resume, StopSignal stop, TrainingListener listener,
      Optional<Replicas> replicas) {
    ModelGraph model = job.model();
    TrainingConfig config = job.config();
    String monitor = job.config().monitor();
    Direction direction = job.evaluators().direction(monitor);
    replicas.ifPresent(r -> r.checkSupported(model, config));
    boolean chief = replicas.map(Replicas::chief).orElse(true);
    TrainingGraph training = TrainingGraph.build(model, config, replicas);
    if (config.precision() == Precision.BF16) {
      CpuFeatures cpu = CpuFeatures.detect();
      if (!cpu.nativeBf16()) {
        LOG.warn("training.precision is bf16, but this CPU ({}) has neither avx512_bf16 nor amx_bf16: bfloat16 is"
            + " emulated and slower than fp32 here", cpu.model());
      }
    }
    ConfigProto sessionConfig = sessionConfig(config, config.precision());
    try (Session session = replicas.isPresent() ? replicas.get().open(model.graph(), sessionConfig)
        : new Session(model.graph(), sessionConfig)) {
      session.initialize();
      TrainingState state = TrainingState.start();
      if (resume && chief) {
        job.checkpoints().removeOrphans();
        state = job.checkpoints().restoreNewestIntact(session, LAST).state();
        LOG.info("resuming at epoch {}, step {} of the epoch (global step {})", state.epoch(), state.stepInEpoch(),
            state.globalStep());
      }
      if (replicas.isPresent()) {
        ReplicaGraph replicaGraph = training.replicas().orElseThrow();
        replicas.get().awaitPeers();
        try {
          replicas.get().checkSameSetup(session, replicaGraph);
          state = replicas.get().start(session, replicaGraph, state);
        } catch (TensorFlowException e) {
          throw replicas.get().explain(e, state);
        }
        Replicas.Shard shard = replicas.get().shard(config.batchSize());
        LOG.info("worker {} of {}: training together from epoch {}, step {} of the epoch, with the chief's weights;"
            + " this worker takes windows {} to {} of each batch of {}", replicas.get().cluster().task(),
            replicas.get().workers(), state.epoch(), state.stepInEpoch(), shard.first(),
            shard.first() + shard.size() - 1, config.batchSize());
      }
      int stepsPerEpoch = stepsPerEpoch(job);
      long totalSteps = (long) stepsPerEpoch * config.epochs();
      LearningRateSchedule schedule = LearningRateSchedule.of(config.schedule(), config.learningRate(), totalSteps);
      OneCycle cycle = OneCycle.of(config.schedule(), config.learningRate(), totalSteps);
      LongToDoubleFunction beta1 = config.schedule().cyclesBeta1()
          ? cycle::beta1 : step -> config.schedule().constantBeta1(config.beta1());
      while (!state.done()) {
        try {
          state = epoch(session, job, training, replicas, schedule, beta1, state, stepsPerEpoch, monitor, direction,
              stop, listener);
        } catch (TensorFlowException e) {
          throw replicas.isPresent() ? replicas.get().explain(e, state) : e;
        }
      }
      if (!chief) {
        LOG.info("training ended; the chief tests and exports the model");
        return new TrainingOutcome(state.history(), state.bestEpoch(), false, Double.NaN, Map.of(), 0, Map.of());
      }
      stopIfRequested(stop, "before the test pass");
      if (config.precision() == Precision.FP32) {
        return test(session, job, state, stop, listener);
      }
      // The test pass, the calibration and the export run the float32 weights in float32, so that the metrics
      // and the exported model agree exactly whatever the training precision.
      try (Session float32 = new Session(model.graph(), sessionConfig(config, Precision.FP32))) {
        float32.initialize();
        return test(float32, job, state, stop, listener);
      }
    }
  }

  /** Restores the best weights into {@code session}, calibrates, tests, and hands the session to the listeners. */
  private static TrainingOutcome test(Session session, TrainingJob job, TrainingState state, StopSignal stop,
      TrainingListener listener) {
    ModelGraph model = job.model();
    TrainingConfig config = job.config();
    job.checkpoints().restore(session, BEST);
    Map<String, Double> calibration = job.evaluators().calibrator()
        .map(calibrator -> Evaluation.run(session, model, job.data().train(), calibrator, config.evalBatchSize())
            .metrics())
        .orElse(Map.of());
    if (!calibration.isEmpty()) {
      LOG.info("calibrated on the training split: {}", calibration);
    }
    SplitScore test = Evaluation.run(session, model, job.data().test(), job.evaluators().test(calibration),
        config.evalBatchSize(), listener);
    Map<String, Double> metrics = test.metrics();
    if (config.dropLast()) {
      // The published tables' protocol beside the full test set, each named as what it is.
      SplitScore dropLast = Evaluation.run(session, model, evaluated(job.data().test(), config),
          job.evaluators().test(calibration), config.evalBatchSize());
      metrics = new LinkedHashMap<>(metrics);
      for (Map.Entry<String, Double> metric : dropLast.metrics().entrySet()) {
        metrics.put(metric.getKey() + DROP_LAST_SUFFIX, metric.getValue());
      }
      LOG.info("test with the last incomplete batch of {} dropped ({} of {} windows): {}", config.evalBatchSize(),
          evaluated(job.data().test(), config).size(), job.data().test().size(), dropLast.metrics());
    }
    TrainingOutcome outcome = new TrainingOutcome(state.history(), state.bestEpoch(),
        state.history().size() < config.epochs(), test.loss(), metrics, job.data().test().size(),
        calibration);
    stopIfRequested(stop, "after the test pass");
    listener.afterTest(session, outcome);
    return outcome;
  }

  private static void stopIfRequested(StopSignal stop, String stage) {
    if (stop.requested()) {
      throw new TrainingInterruptedException(stage);
    }
  }

  private TrainingState epoch(Session session, TrainingJob job, TrainingGraph training, Optional<Replicas> replicas,
      LearningRateSchedule schedule, LongToDoubleFunction beta1, TrainingState start, int steps, String monitor,
      Direction direction, StopSignal stop, TrainingListener listener) {
    boolean chief = replicas.map(Replicas::chief).orElse(true);
    ModelGraph model = job.model();
    TrainingConfig config = job.config();
    int epoch = start.epoch();
    long started = System.nanoTime();
    int[] order = SeededShuffle.permutation(job.data().train().size(), job.seed() * 1_000_003L + epoch);
    TrainingState state = start;
    double learningRate = schedule.at(epoch, state.globalStep());
    try (TrainingProgress progress =
        new TrainingProgress("epoch " + epoch + "/" + config.epochs(), steps, state.stepInEpoch());
        BatchPrefetcher batches = new BatchPrefetcher(model.shape(), job.data().train(), order, config.batchSize(),
            steps, replicas.map(r -> (BatchPrefetcher.Sharding) r::shard))) {
      while (state.stepInEpoch() < steps) {
        WindowBatch batch = batches.batch(state.stepInEpoch());
        learningRate = schedule.at(epoch, state.globalStep());
        StepOutcome outcome = runStep(session, model, training, batch, job.seed(), state.globalStep() + 1,
            learningRate, beta1.applyAsDouble(state.globalStep()), stop.requested(), null, metadata -> {});
        float loss = outcome.loss();
        if (!Float.isFinite(loss)) {
          throw new TrainingDivergedException(epoch, state.globalStep() + 1, loss, job.checkpoints().current(LAST));
        }
        state = state.afterStep(loss);
        progress.step(state.epochLossSum() / state.stepInEpoch());
        listener.onStep(epoch, state.globalStep(), loss, learningRate);
        boolean periodic = config.checkpointEverySteps() > 0 && state.globalStep() % config.checkpointEverySteps() == 0;
        // Workers stop together at the step whose exchange carried a request; one process as soon as it has one.
        boolean stopNow = outcome.stopRequested() || (replicas.isEmpty() && stop.requested());
        if (chief && (periodic || stopNow)) {
          saveLast(session, job, state);
        }
        if (stopNow) {
          throw new TrainingInterruptedException(state.globalStep());
        }
      }
    }
    if (!chief) {
      // The chief validates and decides; this worker continues from its word.
      LOG.info(String.format(Locale.ROOT, "epoch %d/%d: train loss %.5f (%.1f s)", epoch, config.epochs(),
          state.epochLossSum() / steps, (System.nanoTime() - started) / 1e9));
      return replicas.get().agree(session, training.replicas().orElseThrow(), state);
    }
    SplitScore validation = Evaluation.run(session, model, evaluated(job.data().validation(), config),
        job.evaluators().validation(), config.evalBatchSize());
    double score = TaskEvaluators.LOSS.equals(monitor) ? validation.loss() : validation.metrics().get(monitor);
    boolean improved = state.bestScore() == null || direction.better(score, state.bestScore());
    EpochRecord record = new EpochRecord(epoch, steps, state.epochLossSum() / steps, validation.loss(),
        validation.metrics(), (System.nanoTime() - started) / 1e9, improved);
    TrainingState next = state.afterEpoch(record, score);
    if (improved) {
      job.checkpoints().save(session, BEST, CheckpointInfo.best(epoch, state.globalStep(), monitor, score));
    }
    LOG.info(String.format(Locale.ROOT, "epoch %d/%d: train loss %.5f, validation loss %.5f%s%s (%.1f s)", epoch,
        config.epochs(),
        record.trainLoss(), record.validationLoss(),
        TaskEvaluators.LOSS.equals(monitor) ? "" : ", " + monitor + " " + score,
        improved ? ", best so far" : "", record.seconds()));
    listener.onEpoch(record, learningRate, state.globalStep());
    boolean patienceOut = config.patience() > 0 && next.sinceBest() >= config.patience();
    if (epoch >= config.epochs() || patienceOut) {
      if (patienceOut && epoch < config.epochs()) {
        LOG.info("no better validation {} for {} epochs: stopping early", monitor, next.sinceBest());
      }
      next = next.finished();
    }
    saveLast(session, job, next);
    if (replicas.isPresent()) {
      replicas.get().agree(session, training.replicas().orElseThrow(), next);
    }
    return next;
  }

  private void saveLast(Session session, TrainingJob job, TrainingState state) {
    job.checkpoints().save(session, LAST, CheckpointInfo.last(state), true);
  }


  /** The split as an evaluation pass sees it: whole, or without its last incomplete batch under drop_last. */
  static WindowSplit evaluated(WindowSplit split, TrainingConfig config) {
    return config.dropLast() ? LeadingWindows.wholeBatches(split, config.evalBatchSize()) : split;
  }

  static int stepsPerEpoch(TrainingJob job) {
    return stepsPerEpoch(job.data().train().size(), job.config());
  }

  static int stepsPerEpoch(int windows, TrainingConfig config) {
    int batch = config.batchSize();
    // drop_last as PyTorch's DataLoader: only whole batches (at least one, for a split smaller than a batch).
    int steps = config.dropLast() ? Math.max(1, windows / batch) : (windows + batch - 1) / batch;
    return config.maxTrainSteps() > 0 ? Math.min(steps, config.maxTrainSteps()) : steps;
  }

  static float runStep(Session session, ModelGraph model, TrainingGraph training, WindowBatch batch, long seed,
      long step, double learningRate) {
    return runStep(session, model, training, batch, seed, step, learningRate, 0.9);
  }

  /**
   * @param step the 1-based global step
   * @param beta1 Adam's beta1 for this step, fed when the schedule cycles it
   */
  static float runStep(Session session, ModelGraph model, TrainingGraph training, WindowBatch batch, long seed,
      long step, double learningRate, double beta1) {
    return runStep(session, model, training, batch, seed, step, learningRate, beta1, null, metadata -> {});
  }

  /**
   * @param options run options such as a trace level, or null for none
   * @param metadata takes the step's run metadata (its step statistics) when {@code options} are given
   */
  static float runStep(Session session, ModelGraph model, TrainingGraph training, WindowBatch batch, long seed,
      long step, double learningRate, double beta1, RunOptions options, Consumer<RunMetadata> metadata) {
    return runStep(session, model, training, batch, seed, step, learningRate, beta1, false, options, metadata).loss();
  }

  /**
   * A step's loss (over the whole batch, on every worker of a distributed training) and whether any worker asked
   * to stop after it.
   */
  record StepOutcome(float loss, boolean stopRequested) {}

  /** @param stopRequest this process asks to stop after this step (a distributed step tells every worker) */
  static StepOutcome runStep(Session session, ModelGraph model, TrainingGraph training, WindowBatch batch,
      long seed, long step, double learningRate, double beta1, boolean stopRequest, RunOptions options,
      Consumer<RunMetadata> metadata) {
    try (TFloat32 x = batch.inputTensor();
        TFloat32 y = batch.targetTensor();
        TBool isTraining = TBool.scalarOf(true);
        TBool masks = TBool.scalarOf(true);
        TInt64 stepSeed = TInt64.vectorOf(seed, step);
        TFloat32 lr = TFloat32.scalarOf((float) learningRate);
        TFloat32 beta = TFloat32.scalarOf((float) beta1);
        TFloat32 power = TFloat32.scalarOf((float) Math.pow(beta1, step));
        TInt64 windows = TInt64.vectorOf(batch.first, batch.count);
        TFloat32 weight = TFloat32.scalarOf(batch.weight());
        TFloat32 stop = TFloat32.scalarOf(stopRequest ? 1f : 0f)) {
      Session.Runner runner = session.runner()
          .feed(model.series(), x)
          .feed(model.target(), y)
          .feed(model.inputs().training(), isTraining)
          .feed(model.inputs().protocolMasks(), masks)
          .feed(model.inputs().stepSeed(), stepSeed)
          .feed(training.learningRate(), lr)
          .addTarget(training.step());
      training.betaOne().ifPresent(feed -> runner.feed(feed.beta(), beta).feed(feed.power(), power));
      if (training.replicas().isPresent()) {
        ReplicaGraph replicas = training.replicas().get();
        runner.feed(model.inputs().windows(), windows).feed(replicas.shardWeight(), weight)
            .feed(replicas.stopRequest(), stop).fetch(replicas.loss()).fetch(replicas.stopRequests());
      } else {
        runner.fetch(model.loss());
      }
      if (options != null) {
        runner.setOptions(options);
      }
      try (HostInputTensors host = HostInputTensors.feed(model.hostFeeds(), runner, batch.inputs, batch.count);
          Result result = options == null ? runner.run() : runner.runAndFetchMetadata()) {
        result.getMetadata().ifPresent(metadata);
        float loss = ((TFloat32) result.get(0)).getFloat();
        boolean stopAfter = training.replicas().isPresent() ? ((TFloat32) result.get(1)).getFloat() > 0 : stopRequest;
        return new StepOutcome(loss, stopAfter);
      }
    }
  }


  static ConfigProto sessionConfig(TrainingConfig config) {
    return sessionConfig(config, config.precision());
  }

  /** Threads as configured; for bf16, oneDNN's automatic bfloat16 rewrite of the graph (variables stay fp32). */
  static ConfigProto sessionConfig(TrainingConfig config, Precision precision) {
    int threads = threads(config);
    ConfigProto.Builder builder = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(Math.min(2, threads));
    if (precision == Precision.BF16) {
      builder.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(RewriterConfig.newBuilder()
          .setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON)));
    }
    return builder.build();
  }

  public static int threads(TrainingConfig config) {
    return config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
  }


}
