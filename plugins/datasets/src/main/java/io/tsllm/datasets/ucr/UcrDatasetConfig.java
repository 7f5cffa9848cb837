package io.tsllm.datasets.ucr;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code ucr} loader (UCR/UEA classification archives in the {@code .ts} format).
 */
public record UcrDatasetConfig(
    @JsonPropertyDescription("the _TRAIN.ts file")
    String trainPath,
    @JsonPropertyDescription("the _TEST.ts file")
    String testPath,
    @JsonPropertyDescription("pad: every case padded to the longest (repeating its last value); truncate: every "
        + "case cut to the shortest; or a number of steps to pad or cut to")
    String length,
    @JsonPropertyDescription("the share of TRAIN cases, per class, held out for validation")
    Double validationFraction,
    @JsonPropertyDescription("seeds the validation draw (stratified by class)")
    Long splitSeed,
    @JsonPropertyDescription("use TEST for validation as much benchmark code does; leaks the test set into model "
        + "selection, so it is off unless asked for, and warned about")
    Boolean validateOnTest,
    @JsonPropertyDescription("standard-scale each channel with statistics of the training cases")
    Boolean scale,
    @JsonPropertyDescription("? values: fail or zero")
    String missing)
    implements PluginConfig {

  static final List<String> MISSING = List.of("fail", "zero");

  public UcrDatasetConfig {
    length = length == null ? "pad" : length;
    validationFraction = validationFraction == null ? 0.2 : validationFraction;
    splitSeed = splitSeed == null ? 0L : splitSeed;
    validateOnTest = validateOnTest == null ? Boolean.FALSE : validateOnTest;
    scale = scale == null ? Boolean.FALSE : scale;
    missing = missing == null ? "fail" : missing;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPresent("train_path", trainPath, "a _TRAIN.ts file");
    problems.checkPresent("test_path", testPath, "a _TEST.ts file");
    problems.check(length.equals("pad") || length.equals("truncate") || length.matches("[1-9][0-9]*"), "length",
        length, "\"pad\", \"truncate\" or a number of steps");
    problems.check(validationFraction > 0 && validationFraction < 1, "validation_fraction", validationFraction,
        "a number in (0, 1)");
    problems.check(MISSING.contains(missing), "missing", missing, "one of " + MISSING);
  }
}
