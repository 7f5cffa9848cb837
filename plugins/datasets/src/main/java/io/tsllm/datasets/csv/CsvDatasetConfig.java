package io.tsllm.datasets.csv;

import io.tsllm.datasets.series.ForecastOptions;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code csv} loader.
 *
 * @param path the CSV file; relative paths start at the experiment file's folder
 * @param inputLength time steps the model sees (GPT4TS's {@code seq_len})
 * @param horizon time steps to forecast ({@code pred_len}); 0 for windows without targets (imputation, unlabelled
 *     reconstruction)
 * @param features {@code M}: all channels forecast all channels; {@code S}: the target alone; {@code MS}: all
 *     channels forecast the target (the target becomes the last channel)
 * @param target the target column for {@code S} and {@code MS} (and the last channel in {@code M})
 * @param columns the feature columns to use, in order; absent means every column but the timestamp
 * @param split {@code etth} / {@code ettm} (ETT borders: 12/4/4 months of hourly or 15-minute rows) or
 *     {@code ratio} (the first {@code train_ratio} of rows train, the last {@code test_ratio} test, validation
 *     between; validation and test windows start {@code input_length} rows before their border)
 * @param trainRatio share of rows for training, with {@code ratio}
 * @param testRatio share of rows for testing, with {@code ratio}
 * @param dateColumn the timestamp column, left out of the features; absent from the file means every column is a
 *     feature
 * @param scale whether to standard-scale each channel with statistics of the training rows
 * @param missing empty or NaN/NA values: {@code fail}, {@code ffill} (carry the last value forward) or
 *     {@code interpolate} (linear between neighbours)
 * @param skipBadRows skip rows with the wrong number of fields or a non-numeric value, and report them, instead of
 *     failing
 */
public record CsvDatasetConfig(
    String path,
    Integer inputLength,
    Integer horizon,
    String features,
    String target,
    List<String> columns,
    String split,
    Double trainRatio,
    Double testRatio,
    String dateColumn,
    Boolean scale,
    String missing,
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
