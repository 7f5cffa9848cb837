package io.tsllm.core.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * The {@code training} section.
 */
public record TrainingConfig(
    @JsonPropertyDescription("passes over the training windows")
    Integer epochs,
    @JsonPropertyDescription("windows per training step")
    Integer batchSize,
    @JsonPropertyDescription("windows per evaluation step (validation and test)")
    Integer evalBatchSize,
    @JsonPropertyDescription("the (base) learning rate")
    Double learningRate,
    @JsonPropertyDescription("adam, or adamw (decoupled weight decay, as PyTorch's AdamW)")
    Optimizer optimizer,
    @JsonPropertyDescription("AdamW's decoupled weight decay")
    Double weightDecay,
    @JsonPropertyDescription("how the learning rate changes over the run")
    ScheduleConfig schedule,
    @JsonPropertyDescription("clip gradients to this global norm; 0 disables clipping")
    Double gradientClipNorm,
    @JsonPropertyDescription("stop after this many epochs without a better validation score; 0 never stops early")
    Integer patience,
    @JsonPropertyDescription("the validation figure that picks the best epoch: loss, or a metric the head declares "
        + "(better in its declared direction, e.g. higher accuracy)")
    String monitor,
    @JsonPropertyDescription("TensorFlow intra-op threads; 0 uses every core")
    Integer threads,
    @JsonPropertyDescription("fp32, or bf16: training steps and validation in bfloat16 mixed precision (oneDNN's"
        + " automatic rewrite; native on CPUs with AVX512_BF16 or AMX); variables, checkpoints, the test pass and"
        + " the export stay fp32")
    Precision precision,
    @JsonPropertyDescription("cap on training steps per epoch (a random subset of windows each epoch); 0 uses all")
    Integer maxTrainSteps,
    @JsonPropertyDescription("also save the last checkpoint every this many steps; 0 only at epoch ends")
    Integer checkpointEverySteps,
    @JsonPropertyDescription("Adam's beta1 (PyTorch's default 0.9; a schedule with one_cycle_start or tst sets it)")
    Double beta1,
    @JsonPropertyDescription("Adam's beta2")
    Double beta2,
    @JsonPropertyDescription("the published tables' loaders (PatchTST, LTSF-Linear, Time-Series-Library): training, "
        + "validation and test batches drop their last incomplete batch (eval_batch_size for validation and test); "
        + "the test metrics over every window stay, and the drop-last ones are added with the suffix _drop_last")
    Boolean dropLast)
    implements PluginConfig {

  public TrainingConfig {
    epochs = epochs == null ? 10 : epochs;
    batchSize = batchSize == null ? 32 : batchSize;
    evalBatchSize = evalBatchSize == null ? 128 : evalBatchSize;
    learningRate = learningRate == null ? 1e-3 : learningRate;
    optimizer = optimizer == null ? Optimizer.ADAM : optimizer;
    weightDecay = weightDecay == null ? (optimizer.decaysWeights() ? 0.01 : 0.0) : weightDecay;
    schedule = schedule == null ? ScheduleConfig.constant() : schedule;
    if (schedule.maxLearningRate() == null && schedule.type() == ScheduleType.CYCLIC) {
      schedule = schedule.withMaxLearningRate(10 * learningRate);
    }
    gradientClipNorm = gradientClipNorm == null ? 0.0 : gradientClipNorm;
    patience = patience == null ? 3 : patience;
    monitor = monitor == null ? "loss" : monitor;
    threads = threads == null ? 0 : threads;
    precision = precision == null ? Precision.FP32 : precision;
    maxTrainSteps = maxTrainSteps == null ? 0 : maxTrainSteps;
    checkpointEverySteps = checkpointEverySteps == null ? 200 : checkpointEverySteps;
    beta1 = beta1 == null ? 0.9 : beta1;
    beta2 = beta2 == null ? 0.999 : beta2;
    dropLast = dropLast != null && dropLast;
  }

  public static TrainingConfig defaults() {
    return new TrainingConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPositive("epochs", epochs);
    problems.checkPositive("batch_size", batchSize);
    problems.checkPositive("eval_batch_size", evalBatchSize);
    problems.check(learningRate > 0 && learningRate < 1, "learning_rate", learningRate, "a number in (0, 1)");
    problems.check(weightDecay >= 0 && weightDecay < 1, "weight_decay", weightDecay, "a number in [0, 1)");
    problems.check(weightDecay == 0 || optimizer.decaysWeights(), "weight_decay", weightDecay,
        "0 with adam (use \"optimizer\": \"adamw\" for decoupled weight decay)");
    schedule.validate((field, value, expected) -> problems.reject("schedule." + field, value, expected),
        learningRate);
    problems.check(gradientClipNorm >= 0, "gradient_clip_norm", gradientClipNorm, "a number >= 0 (0: no clipping)");
    problems.check(patience >= 0, "patience", patience, "an integer >= 0 (0 disables early stopping)");
    problems.check(!monitor.isBlank(), "monitor", monitor, "\"loss\" or a metric the head declares");
    problems.check(threads >= 0, "threads", threads, "an integer >= 0 (0 uses every core)");
    problems.check(maxTrainSteps >= 0, "max_train_steps", maxTrainSteps, "an integer >= 0 (0 uses all windows)");
    problems.check(beta1 >= 0 && beta1 < 1, "beta1", beta1, "a number in [0, 1)");
    problems.check(beta2 >= 0 && beta2 < 1, "beta2", beta2, "a number in [0, 1)");
    problems.check(checkpointEverySteps >= 0, "checkpoint_every_steps", checkpointEverySteps,
        "an integer >= 0 (0: only at epoch ends)");
  }
}
