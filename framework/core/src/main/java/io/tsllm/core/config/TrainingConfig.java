package io.tsllm.core.config;

import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * The {@code training} section.
 *
 * @param epochs passes over the training windows
 * @param batchSize windows per training step
 * @param evalBatchSize windows per evaluation step (validation and test)
 * @param learningRate the (base) learning rate
 * @param optimizer {@code adam}, or {@code adamw} (decoupled weight decay, as PyTorch's AdamW)
 * @param weightDecay AdamW's decoupled weight decay
 * @param schedule how the learning rate changes over the run
 * @param gradientClipNorm clip gradients to this global norm; 0 disables clipping
 * @param patience stop after this many epochs without a better validation score; 0 never stops early
 * @param monitor the validation figure that picks the best epoch: {@code loss} or a metric of the head
 * @param threads TensorFlow intra-op threads; 0 uses every core
 * @param maxTrainSteps cap on training steps per epoch (a random subset of windows each epoch); 0 uses all
 * @param checkpointEverySteps also save the {@code last} checkpoint every this many steps; 0 only at epoch ends
 */
public record TrainingConfig(
    Integer epochs,
    Integer batchSize,
    Integer evalBatchSize,
    Double learningRate,
    String optimizer,
    Double weightDecay,
    ScheduleConfig schedule,
    Double gradientClipNorm,
    Integer patience,
    String monitor,
    Integer threads,
    Integer maxTrainSteps,
    Integer checkpointEverySteps)
    implements PluginConfig {

  public static final List<String> OPTIMIZERS = List.of("adam", "adamw");

  public TrainingConfig {
    epochs = epochs == null ? 10 : epochs;
    batchSize = batchSize == null ? 32 : batchSize;
    evalBatchSize = evalBatchSize == null ? 128 : evalBatchSize;
    learningRate = learningRate == null ? 1e-3 : learningRate;
    optimizer = optimizer == null ? "adam" : optimizer;
    weightDecay = weightDecay == null ? ("adamw".equals(optimizer) ? 0.01 : 0.0) : weightDecay;
    schedule = schedule == null ? ScheduleConfig.constant() : schedule;
    if (schedule.maxLearningRate() == null && "cyclic".equals(schedule.type())) {
      schedule = new ScheduleConfig(schedule.type(), schedule.warmupSteps(), schedule.minLearningRate(),
          10 * learningRate, schedule.cycleSteps());
    }
    gradientClipNorm = gradientClipNorm == null ? 0.0 : gradientClipNorm;
    patience = patience == null ? 3 : patience;
    monitor = monitor == null ? "loss" : monitor;
    threads = threads == null ? 0 : threads;
    maxTrainSteps = maxTrainSteps == null ? 0 : maxTrainSteps;
    checkpointEverySteps = checkpointEverySteps == null ? 200 : checkpointEverySteps;
  }

  public static TrainingConfig defaults() {
    return new TrainingConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPositive("epochs", epochs);
    problems.checkPositive("batch_size", batchSize);
    problems.checkPositive("eval_batch_size", evalBatchSize);
    problems.check(learningRate > 0 && learningRate < 1, "learning_rate", learningRate, "a number in (0, 1)");
    problems.check(OPTIMIZERS.contains(optimizer), "optimizer", optimizer, "one of " + OPTIMIZERS);
    problems.check(weightDecay >= 0 && weightDecay < 1, "weight_decay", weightDecay, "a number in [0, 1)");
    problems.check(weightDecay == 0 || "adamw".equals(optimizer), "weight_decay", weightDecay,
        "0 with adam (use \"optimizer\": \"adamw\" for decoupled weight decay)");
    schedule.validate((field, value, expected) -> problems.reject("schedule." + field, value, expected),
        learningRate);
    problems.check(gradientClipNorm >= 0, "gradient_clip_norm", gradientClipNorm, "a number >= 0 (0: no clipping)");
    problems.check(patience >= 0, "patience", patience, "an integer >= 0 (0 disables early stopping)");
    problems.check(!monitor.isBlank(), "monitor", monitor, "\"loss\" or a metric the head reports");
    problems.check(threads >= 0, "threads", threads, "an integer >= 0 (0 uses every core)");
    problems.check(maxTrainSteps >= 0, "max_train_steps", maxTrainSteps, "an integer >= 0 (0 uses all windows)");
    problems.check(checkpointEverySteps >= 0, "checkpoint_every_steps", checkpointEverySteps,
        "an integer >= 0 (0: only at epoch ends)");
  }
}
