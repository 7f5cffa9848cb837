package io.tsllm.datasets.npy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.datasets.series.ForecastOptions;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code npy} loader: a series stored as a NumPy array {@code [time, channels]} (or {@code [time]}
 * for one channel) in a {@code .npy} file or as one array of an {@code .npz} archive. Windows, modes, splits,
 * missing values (NaN) and scaling work as for {@code csv}.
 */
public record NpyDatasetConfig(
    @JsonPropertyDescription("the .npy or .npz file")
    String path,
    @JsonPropertyDescription("the array's name inside an .npz; may be left out when the archive holds one array")
    String array,
    @JsonPropertyDescription("names for the channels; default c0, c1, ...")
    List<String> channelNames,
    @JsonPropertyDescription("time steps the model sees (GPT4TS's seq_len)")
    Integer inputLength,
    @JsonPropertyDescription("time steps to forecast (pred_len); 0 for windows without targets (imputation, "
        + "unlabelled reconstruction)")
    Integer horizon,
    @JsonPropertyDescription("M: all channels forecast all channels; S: the target alone; MS: all channels "
        + "forecast the target (the target becomes the last channel)")
    String features,
    @JsonPropertyDescription("the target channel's name for S and MS; default the last channel")
    String target,
    @JsonPropertyDescription("the channels to use (by name), in order; absent means every channel")
    List<String> columns,
    @JsonPropertyDescription("etth / ettm (ETT borders: 12/4/4 months of hourly or 15-minute rows) or ratio (the "
        + "first train_ratio of rows train, the last test_ratio test, validation between; "
        + "validation and test windows start input_length rows before their border)")
    String split,
    @JsonPropertyDescription("share of rows for training, with ratio")
    Double trainRatio,
    @JsonPropertyDescription("share of rows for testing, with ratio")
    Double testRatio,
    @JsonPropertyDescription("whether to standard-scale each channel with statistics of the training rows")
    Boolean scale,
    @JsonPropertyDescription("NaN values: fail, ffill (carry the last value forward) or interpolate (linear "
        + "between neighbours)")
    String missing)
    implements PluginConfig {

  public NpyDatasetConfig {
    features = features == null ? "M" : features;
    split = split == null ? "ratio" : split;
    trainRatio = trainRatio == null ? 0.7 : trainRatio;
    testRatio = testRatio == null ? 0.2 : testRatio;
    scale = scale == null ? Boolean.TRUE : scale;
    missing = missing == null ? "fail" : missing;
    channelNames = channelNames == null ? null : List.copyOf(channelNames);
    columns = columns == null ? null : List.copyOf(columns);
  }

  ForecastOptions forecastOptions(String defaultTarget) {
    return new ForecastOptions(inputLength, horizon, features, target == null ? defaultTarget : target, columns, split,
        trainRatio, testRatio, scale, missing);
  }

  @Override
  public void validate(ConfigProblems problems) {
    if (problems.checkPresent("path", path, "a path to a .npy or .npz file")) {
      problems.check(path.endsWith(".npy") || path.endsWith(".npz"), "path", path, "a .npy or .npz file");
    }
    ForecastOptions.validate(problems, inputLength, horizon, features, split, trainRatio, testRatio, missing,
        columns);
  }
}
