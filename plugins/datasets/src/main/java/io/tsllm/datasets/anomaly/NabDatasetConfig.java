package io.tsllm.datasets.anomaly;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.datasets.series.SplitRatios;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * Config of the {@code nab} loader (Numenta Anomaly Benchmark series).
 */
public record NabDatasetConfig(
    @JsonPropertyDescription("the series, a CSV with a timestamp column and numeric value columns")
    String path,
    @JsonPropertyDescription("NAB's combined_windows.json: anomaly windows [start, end] by series key")
    String labels,
    @JsonPropertyDescription("the series' key in the labels file (e.g. realKnownCause/nyc_taxi.csv); absent means "
        + "the one key ending in the file's name")
    String labelsKey,
    @JsonPropertyDescription("steps per window (the field's win_size)")
    Integer inputLength,
    @JsonPropertyDescription("steps between training windows (validation and test windows tile their rows)")
    Integer stride,
    @JsonPropertyDescription("share of rows, from the start, to train on")
    Double trainRatio,
    @JsonPropertyDescription("share of rows, at the end, to test on; validation lies between")
    Double testRatio,
    @JsonPropertyDescription("standard-scale each channel with statistics of the training rows")
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
