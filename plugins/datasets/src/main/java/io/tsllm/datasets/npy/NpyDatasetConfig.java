package io.tsllm.datasets.npy;

import io.tsllm.datasets.series.ForecastOptions;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code npy} loader: a series stored as a NumPy array {@code [time, channels]} (or {@code [time]}
 * for one channel) in a {@code .npy} file or as one array of an {@code .npz} archive. Windows, modes, splits,
 * missing values (NaN) and scaling work as for {@code csv}.
 *
 * @param path the {@code .npy} or {@code .npz} file
 * @param array the array's name inside an {@code .npz}; may be left out when the archive holds one array
 * @param channelNames names for the channels; default {@code c0, c1, ...}
 * @param target the target channel's name for {@code S} and {@code MS}; default the last channel
 */
public record NpyDatasetConfig(
    String path,
    String array,
    List<String> channelNames,
    Integer inputLength,
    Integer horizon,
    String features,
    String target,
    List<String> columns,
    String split,
    Double trainRatio,
    Double testRatio,
    Boolean scale,
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
