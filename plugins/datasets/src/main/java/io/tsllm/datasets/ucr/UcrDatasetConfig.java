package io.tsllm.datasets.ucr;

import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code ucr} loader (UCR/UEA classification archives in the {@code .ts} format).
 *
 * @param trainPath the {@code _TRAIN.ts} file
 * @param testPath the {@code _TEST.ts} file
 * @param length {@code pad}: every case padded to the longest (repeating its last value); {@code truncate}: every
 *     case cut to the shortest; or a number of steps to pad or cut to
 * @param validationFraction the share of TRAIN cases, per class, held out for validation
 * @param splitSeed seeds the validation draw (stratified by class)
 * @param validateOnTest use TEST for validation as much benchmark code does; leaks the test set into model
 *     selection, so it is off unless asked for, and warned about
 * @param scale standard-scale each channel with statistics of the training cases
 * @param missing {@code ?} values: {@code fail} or {@code zero}
 */
public record UcrDatasetConfig(
    String trainPath,
    String testPath,
    String length,
    Double validationFraction,
    Long splitSeed,
    Boolean validateOnTest,
    Boolean scale,
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
