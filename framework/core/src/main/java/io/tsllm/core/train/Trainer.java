package io.tsllm.core.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.config.TrainingConfig;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.graph.Parameter;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.Evaluator;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.op.Op;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Trains a model graph with Adam on MSE-style head losses: shuffled training windows each epoch, a full pass over
 * the validation split after each epoch, the best weights (lowest validation loss) checkpointed and restored for
 * the final test pass, early stopping after {@code patience} epochs without improvement.
 */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final String BEST = "best";
  private final ObjectMapper mapper;

  @Inject
  public Trainer(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * @param evaluators a fresh evaluator for each pass over a split
   * @param checkpoints where the best weights go
   * @param afterTest runs in the session once the best weights were tested (e.g. to export them)
   */
  public TrainingOutcome train(
      ModelGraph model,
      Dataset data,
      Supplier<Evaluator> evaluators,
      TrainingConfig config,
      long seed,
      CheckpointStore checkpoints,
      Consumer<Session> afterTest) {
    Graph graph = model.graph();
    Op trainStep = optimizerStep(model, config);
    try (Session session = new Session(graph, sessionConfig(config))) {
      session.initialize();
      List<EpochRecord> epochs = new ArrayList<>();
      double bestLoss = Double.POSITIVE_INFINITY;
      int bestEpoch = 0;
      int sinceBest = 0;
      long step = 0;
      boolean stoppedEarly = false;
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        long started = System.nanoTime();
        int[] order = shuffled(data.train().size(), new Random(seed * 1_000_003L + epoch));
        int batchSize = config.batchSize();
        int steps = (order.length + batchSize - 1) / batchSize;
        if (config.maxTrainSteps() > 0) {
          steps = Math.min(steps, config.maxTrainSteps());
        }
        WindowBatch batch = new WindowBatch(model.shape(), batchSize);
        double lossSum = 0;
        try (TrainingProgress progress = new TrainingProgress("epoch " + epoch + "/" + config.epochs(), steps)) {
          for (int s = 0; s < steps; s++) {
            int from = s * batchSize;
            batch.fill(data.train(), order, from, Math.min(batchSize, order.length - from));
            float loss = runStep(session, model, trainStep, batch, seed, ++step);
            if (!Float.isFinite(loss)) {
              throw new TrainingDivergedException(epoch, step, loss, checkpoints.current(BEST));
            }
            lossSum += loss;
            progress.step(lossSum / (s + 1));
          }
        }
        SplitScore validation =
            Evaluation.run(session, model, data.validation(), evaluators.get(), config.evalBatchSize());
        boolean improved = validation.loss() < bestLoss;
        if (improved) {
          bestLoss = validation.loss();
          bestEpoch = epoch;
          sinceBest = 0;
          ObjectNode info = mapper.createObjectNode();
          info.put("epoch", epoch);
          info.put("step", step);
          info.put("validation_loss", validation.loss());
          checkpoints.save(session, BEST, info);
        } else {
          sinceBest++;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        EpochRecord record =
            new EpochRecord(epoch, steps, lossSum / steps, validation.loss(), validation.metrics(), seconds, improved);
        epochs.add(record);
        LOG.info(String.format("epoch %d/%d: train loss %.5f, validation loss %.5f%s (%.1f s)", epoch,
            config.epochs(), record.trainLoss(), record.validationLoss(), improved ? ", best so far" : "", seconds));
        if (config.patience() > 0 && sinceBest >= config.patience() && epoch < config.epochs()) {
          LOG.info("no better validation loss for {} epochs: stopping early", sinceBest);
          stoppedEarly = true;
          break;
        }
      }
      checkpoints.restore(session, BEST);
      SplitScore test = Evaluation.run(session, model, data.test(), evaluators.get(), config.evalBatchSize());
      afterTest.accept(session);
      return new TrainingOutcome(epochs, bestEpoch, stoppedEarly, test.loss(), test.metrics(), data.test().size());
    }
  }

  static float runStep(Session session, ModelGraph model, Op trainStep, WindowBatch batch, long seed,
      long step) {
    try (TFloat32 x = batch.inputTensor();
        TFloat32 y = batch.targetTensor();
        TBool training = TBool.scalarOf(true);
        TInt64 stepSeed = TInt64.vectorOf(seed, step);
        Result result = session.runner()
            .feed(model.series(), x)
            .feed(model.target(), y)
            .feed(model.inputs().training(), training)
            .feed(model.inputs().stepSeed(), stepSeed)
            .fetch(model.loss())
            .addTarget(trainStep)
            .run()) {
      return ((TFloat32) result.get(0)).getFloat();
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Op optimizerStep(ModelGraph model, TrainingConfig config) {
    List<Parameter> trainable = model.trainableParameters();
    if (trainable.isEmpty()) {
      throw new IllegalStateException("no parameter is trainable");
    }
    Output<?>[] variables = trainable.stream().map(p -> p.variable().asOutput()).toArray(Output<?>[]::new);
    Output<?>[] gradients = model.graph().addGradients(model.loss().asOutput(), variables);
    List<GradAndVar<?>> pairs = new ArrayList<>();
    for (int i = 0; i < variables.length; i++) {
      pairs.add(new GradAndVar<>((Output<TFloat32>) gradients[i], (Output<TFloat32>) variables[i]));
    }
    Adam adam = new Adam(model.graph(), config.learningRate().floatValue());
    return adam.applyGradients((List) pairs, "train");
  }

  static ConfigProto sessionConfig(TrainingConfig config) {
    int threads = threads(config);
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(Math.min(2, threads))
        .build();
  }

  public static int threads(TrainingConfig config) {
    return config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
  }

  private static int[] shuffled(int size, Random random) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
