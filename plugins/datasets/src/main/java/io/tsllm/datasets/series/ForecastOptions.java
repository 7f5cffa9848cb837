package io.tsllm.datasets.series;

import io.tsllm.spi.ConfigProblems;
import java.util.List;

/**
 * How to cut a series into forecasting windows, shared by the loaders of series formats (see the {@code csv}
 * loader's config for each field's meaning).
 */
public record ForecastOptions(
    int inputLength,
    int horizon,
    String features,
    String target,
    List<String> columns,
    String split,
    double trainRatio,
    double testRatio,
    boolean scale,
    String missing) {

  public static final List<String> FEATURES = List.of("M", "S", "MS");
  public static final List<String> SPLITS = List.of("etth", "ettm", "ratio");
  public static final List<String> MISSING = List.of("fail", "ffill", "interpolate");

  /**
   * Checks the forecasting fields every series loader's config has, under their JSON names. Takes boxed values:
   * it runs on a config before its required fields are known to be present.
   */
  public static void validate(ConfigProblems problems, Integer inputLength, Integer horizon, String features,
      String split, double trainRatio, double testRatio, String missing, List<String> columns) {
    problems.checkPositive("input_length", inputLength);
    if (problems.checkPresent("horizon", horizon, "a number of steps to forecast, 0 for no targets (imputation)")) {
      problems.check(horizon >= 0, "horizon", horizon, "a number of steps to forecast, 0 for no targets (imputation)");
    }
    problems.check(FEATURES.contains(features), "features", features, "one of " + FEATURES);
    problems.check(SPLITS.contains(split), "split", split, "one of " + SPLITS);
    SplitRatios.check(problems, trainRatio, testRatio, "rows");
    problems.check(MISSING.contains(missing), "missing", missing, "one of " + MISSING);
    problems.check(columns == null || !columns.isEmpty(), "columns", columns, "at least one column, or leave it out");
  }
}
