package io.tsllm.datasets.anomaly;

import io.tsllm.datasets.series.SplitRatios;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * Config of the {@code nab} loader (Numenta Anomaly Benchmark series).
 *
 * @param path the series, a CSV with a {@code timestamp} column and numeric value columns
 * @param labels NAB's {@code combined_windows.json}: anomaly windows {@code [start, end]} by series key
 * @param labelsKey the series' key in the labels file (e.g. {@code realKnownCause/nyc_taxi.csv}); absent means the
 *     one key ending in the file's name
 * @param inputLength steps per window (the field's {@code win_size})
 * @param stride steps between training windows (validation and test windows tile their rows)
 * @param trainRatio share of rows, from the start, to train on
 * @param testRatio share of rows, at the end, to test on; validation lies between
 * @param scale standard-scale each channel with statistics of the training rows
 */
public record NabDatasetConfig(
    String path,
    String labels,
    String labelsKey,
    Integer inputLength,
    Integer stride,
    Double trainRatio,
    Double testRatio,
    Boolean scale)
    implements PluginConfig {

  public NabDatasetConfig {
    stride = stride == null ? 1 : stride;
    trainRatio = trainRatio == null ? 0.5 : trainRatio;
    testRatio = testRatio == null ? 0.4 : testRatio;
    scale = scale == null ? Boolean.TRUE : scale;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPresent("path", path, "a NAB series CSV (timestamp,value)");
    problems.checkPresent("labels", labels, "NAB's combined_windows.json");
    problems.checkPositive("input_length", inputLength);
    problems.checkPositive("stride", stride);
    SplitRatios.check(problems, trainRatio, testRatio, "rows");
  }
}
