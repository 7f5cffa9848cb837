package io.tsllm.core.config;

import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * The {@code training} section.
 *
 * @param epochs passes over the training windows
 * @param batchSize windows per training step
 * @param evalBatchSize windows per evaluation step (validation and test)
 * @param learningRate Adam's learning rate
 * @param patience stop after this many epochs without a better validation loss; 0 never stops early
 * @param threads TensorFlow intra-op threads; 0 uses every core
 * @param maxTrainSteps cap on training steps per epoch (a random subset of windows each epoch); 0 uses all
 */
public record TrainingConfig(
    Integer epochs,
    Integer batchSize,
    Integer evalBatchSize,
    Double learningRate,
    Integer patience,
    Integer threads,
    Integer maxTrainSteps)
    implements PluginConfig {

  public TrainingConfig {
    epochs = epochs == null ? 10 : epochs;
    batchSize = batchSize == null ? 32 : batchSize;
    evalBatchSize = evalBatchSize == null ? 128 : evalBatchSize;
    learningRate = learningRate == null ? 1e-3 : learningRate;
    patience = patience == null ? 3 : patience;
    threads = threads == null ? 0 : threads;
    maxTrainSteps = maxTrainSteps == null ? 0 : maxTrainSteps;
  }

  public static TrainingConfig defaults() {
    return new TrainingConfig(null, null, null, null, null, null, null);
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPositive("epochs", epochs);
    problems.checkPositive("batch_size", batchSize);
    problems.checkPositive("eval_batch_size", evalBatchSize);
    problems.check(learningRate > 0 && learningRate < 1, "learning_rate", learningRate, "a number in (0, 1)");
    problems.check(patience >= 0, "patience", patience, "an integer >= 0 (0 disables early stopping)");
    problems.check(threads >= 0, "threads", threads, "an integer >= 0 (0 uses every core)");
    problems.check(maxTrainSteps >= 0, "max_train_steps", maxTrainSteps, "an integer >= 0 (0 uses all windows)");
  }
}
