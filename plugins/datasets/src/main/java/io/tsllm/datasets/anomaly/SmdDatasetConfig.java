package io.tsllm.datasets.anomaly;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * Config of the {@code smd} loader (Server Machine Dataset layout: headerless comma-separated text files).
 */
public record SmdDatasetConfig(
    @JsonPropertyDescription("the training rows (no labels; assumed normal)")
    String trainPath,
    @JsonPropertyDescription("the test rows")
    String testPath,
    @JsonPropertyDescription("one label per test row, 0 or 1")
    String testLabelPath,
    @JsonPropertyDescription("steps per window (the field's win_size)")
    Integer inputLength,
    @JsonPropertyDescription("steps between training windows (validation and test windows tile their rows)")
    Integer stride,
    @JsonPropertyDescription("share of the training rows, at their end, held out for validation (Anomaly "
        + "Transformer's protocol takes 0.2)")
    Double validationRatio,
    @JsonPropertyDescription("standard-scale each channel with statistics of the training rows")
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
