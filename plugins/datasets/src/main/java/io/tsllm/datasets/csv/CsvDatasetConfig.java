package io.tsllm.datasets.csv;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.datasets.series.ForecastOptions;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code csv} loader.
 */
public record CsvDatasetConfig(
    @JsonPropertyDescription("the CSV file; relative paths start at the experiment file's folder")
    String path,
    @JsonPropertyDescription("time steps the model sees (GPT4TS's seq_len)")
    Integer inputLength,
    @JsonPropertyDescription("time steps to forecast (pred_len); 0 for windows without targets (imputation, "
        + "unlabelled reconstruction)")
    Integer horizon,
    @JsonPropertyDescription("M: all channels forecast all channels; S: the target alone; MS: all channels "
        + "forecast the target (the target becomes the last channel)")
    String features,
    @JsonPropertyDescription("the target column for S and MS (and the last channel in M)")
    String target,
    @JsonPropertyDescription("the feature columns to use, in order; absent means every column but the timestamp")
    List<String> columns,
    @JsonPropertyDescription("etth / ettm (ETT borders: 12/4/4 months of hourly or 15-minute rows) or ratio (the "
        + "first train_ratio of rows train, the last test_ratio test, validation between; "
        + "validation and test windows start input_length rows before their border)")
    String split,
    @JsonPropertyDescription("share of rows for training, with ratio")
    Double trainRatio,
    @JsonPropertyDescription("share of rows for testing, with ratio")
    Double testRatio,
    @JsonPropertyDescription("the timestamp column, left out of the features; absent from the file means every "
        + "column is a feature")
    String dateColumn,
    @JsonPropertyDescription("whether to standard-scale each channel with statistics of the training rows")
    Boolean scale,
    @JsonPropertyDescription("missing values (empty, NaN, NA, null, None): fail, ffill (carry the last value "
        + "forward) or interpolate (linear between neighbours)")
    String missing,
    @JsonPropertyDescription("skip rows with the wrong number of fields or a non-numeric value, and report them, "
        + "instead of failing")
    Boolean skipBadRows)
    implements PluginConfig {

  public CsvDatasetConfig {
    features = features == null ? "M" : features;
    target = target == null ? "OT" : target;
    split = split == null ? "etth" : split;
    trainRatio = trainRatio == null ? 0.7 : trainRatio;
    testRatio = testRatio == null ? 0.2 : testRatio;
    dateColumn = dateColumn == null ? "date" : dateColumn;
    scale = scale == null ? Boolean.TRUE : scale;
    missing = missing == null ? "fail" : missing;
    skipBadRows = skipBadRows == null ? Boolean.FALSE : skipBadRows;
    columns = columns == null ? null : List.copyOf(columns);
  }

  /** The file, the window and the ETT borders; every other field at its default. */
  static CsvDatasetConfig of(String path, Integer inputLength, Integer horizon, String split) {
    return new CsvDatasetConfig(path, inputLength, horizon, null, null, null, split, null, null, null, null, null,
        null);
  }

  ForecastOptions forecastOptions() {
    return new ForecastOptions(inputLength, horizon, features, target, columns, split, trainRatio, testRatio, scale,
        missing);
  }

  @Override
  public void validate(ConfigProblems problems) {
    ForecastOptions.validate(problems, inputLength, horizon, features, split, trainRatio, testRatio, missing,
        columns);
    if (problems.checkPresent("path", path, "a path to a CSV file")) {
      problems.check(!path.isBlank(), "path", path, "a path to a CSV file");
    }
  }
}
