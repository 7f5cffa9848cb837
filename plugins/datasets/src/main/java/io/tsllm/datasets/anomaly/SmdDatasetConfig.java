package io.tsllm.datasets.anomaly;

import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * Config of the {@code smd} loader (Server Machine Dataset layout: headerless comma-separated text files).
 *
 * @param trainPath the training rows (no labels; assumed normal)
 * @param testPath the test rows
 * @param testLabelPath one label per test row, 0 or 1
 * @param inputLength steps per window (the field's {@code win_size})
 * @param stride steps between training windows (validation and test windows tile their rows)
 * @param validationRatio share of the training rows, at their end, held out for validation (Anomaly Transformer's
 *     protocol takes 0.2)
 * @param scale standard-scale each channel with statistics of the training rows
 */
public record SmdDatasetConfig(
    String trainPath,
    String testPath,
    String testLabelPath,
    Integer inputLength,
    Integer stride,
    Double validationRatio,
    Boolean scale)
    implements PluginConfig {

  public SmdDatasetConfig {
    stride = stride == null ? 1 : stride;
    validationRatio = validationRatio == null ? 0.2 : validationRatio;
    scale = scale == null ? Boolean.TRUE : scale;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPresent("train_path", trainPath, "the training rows (machine-x-y train file)");
    problems.checkPresent("test_path", testPath, "the test rows (machine-x-y test file)");
    problems.checkPresent("test_label_path", testLabelPath, "the test labels (machine-x-y test_label file)");
    problems.checkPositive("input_length", inputLength);
    problems.checkPositive("stride", stride);
    problems.check(validationRatio > 0 && validationRatio < 1, "validation_ratio", validationRatio,
        "a number in (0, 1)");
  }
}
