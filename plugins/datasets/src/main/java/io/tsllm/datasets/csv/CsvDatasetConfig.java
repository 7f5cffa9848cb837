package io.tsllm.datasets.csv;

import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * Config of the {@code csv} loader.
 *
 * @param path the CSV file; relative paths start at the experiment file's folder
 * @param inputLength time steps the model sees (GPT4TS's {@code seq_len})
 * @param horizon time steps to forecast ({@code pred_len})
 * @param split the split protocol: {@code etth} (hourly ETT borders) or {@code ettm} (15-minute ETT borders)
 * @param dateColumn the timestamp column, left out of the features; absent from the file means every column is a
 *     feature
 * @param scale whether to standard-scale each channel with statistics of the training rows
 */
public record CsvDatasetConfig(
    String path,
    Integer inputLength,
    Integer horizon,
    String split,
    String dateColumn,
    Boolean scale)
    implements PluginConfig {

  public CsvDatasetConfig {
    split = split == null ? "etth" : split;
    dateColumn = dateColumn == null ? "date" : dateColumn;
    scale = scale == null ? Boolean.TRUE : scale;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPositive("input_length", inputLength);
    problems.checkPositive("horizon", horizon);
    problems.check(
        EttSplit.PRESETS.containsKey(split), "split", split, "one of " + EttSplit.PRESETS.keySet());
    if (problems.checkPresent("path", path, "a path to a CSV file")) {
      problems.check(!path.isBlank(), "path", path, "a path to a CSV file");
    }
  }
}
