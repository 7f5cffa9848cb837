package com.example.tsllm.starter;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.DataContext;
import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.DatasetLoader;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.WindowShape;
import io.tsllm.spi.WindowSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset loader: a univariate series stored as one number per line (blank lines and lines starting with
 * {@code #} skipped), forecast {@code horizon} steps from {@code input_length}. Rows split in time order by
 * {@code train_ratio} / {@code test_ratio} (validation between); validation and test windows start
 * {@code input_length} rows before their border so that every row after it is forecast; standard scaling fitted on
 * the training rows only.
 */
public final class LinesDatasetLoader implements DatasetLoader<LinesDatasetLoader.Config> {

  /** The loader's config: what an experiment's {@code data} section holds besides {@code "type"}. */
  public record Config(
      @JsonPropertyDescription("the text file, one number per line; relative to the experiment file") String path,
      @JsonPropertyDescription("steps in an input window") Integer inputLength,
      @JsonPropertyDescription("steps to forecast") Integer horizon,
      @JsonPropertyDescription("share of the rows for training, from the start") Double trainRatio,
      @JsonPropertyDescription("share of the rows for testing, at the end") Double testRatio,
      @JsonPropertyDescription("the series' name in outputs") String name) implements PluginConfig {

    public Config {
      inputLength = inputLength == null ? 96 : inputLength;
      horizon = horizon == null ? 24 : horizon;
      trainRatio = trainRatio == null ? 0.7 : trainRatio;
      testRatio = testRatio == null ? 0.2 : testRatio;
      name = name == null ? "value" : name;
    }

    @Override
    public void validate(ConfigProblems problems) {
      problems.checkPresent("path", path, "the path of a text file with one number per line");
      problems.checkPositive("input_length", inputLength);
      problems.checkPositive("horizon", horizon);
      problems.check(trainRatio > 0 && trainRatio < 1, "train_ratio", trainRatio, "a share in (0, 1)");
      problems.check(testRatio > 0 && trainRatio + testRatio < 1, "test_ratio", testRatio,
          "a share in (0, 1 - train_ratio)");
    }
  }

  @Override
  public String name() {
    return "starter-lines";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public String description() {
    return "starter plugin: a univariate series, one number per line, forecast horizon steps ahead";
  }

  @Override
  public Dataset load(Config config, DataContext context) {
    Path file = context.resolve(config.path());
    float[] values = read(file);
    int length = config.inputLength();
    int horizon = config.horizon();
    int trainEnd = (int) (values.length * config.trainRatio());
    int testStart = (int) (values.length * (1 - config.testRatio()));
    if (trainEnd < length + horizon || testStart - trainEnd < horizon || values.length - testStart < horizon) {
      throw new DataException(file, null, "has " + values.length + " values: too few for windows of "
          + length + " + " + horizon + " steps in each of the training, validation and test rows");
    }
    double mean = 0;
    for (int i = 0; i < trainEnd; i++) {
      mean += values[i];
    }
    mean /= trainEnd;
    double variance = 0;
    for (int i = 0; i < trainEnd; i++) {
      variance += (values[i] - mean) * (values[i] - mean);
    }
    double std = Math.sqrt(variance / trainEnd);
    ChannelScaler scaler = new ChannelScaler(new double[] {mean}, new double[] {std == 0 ? 1 : std});
    float[] scaled = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      scaled[i] = (float) scaler.scale(values[i], 0);
    }
    WindowShape shape = new WindowShape(length, 1, horizon, 1, List.of(config.name()));
    WindowSplit train = new Windows(scaled, 0, trainEnd, length, horizon);
    WindowSplit validation = new Windows(scaled, trainEnd - length, testStart, length, horizon);
    WindowSplit test = new Windows(scaled, testStart - length, values.length, length, horizon);
    Map<String, Object> description = Map.of("rows", values.length, "train_rows", trainEnd,
        "validation_rows", testStart - trainEnd, "test_rows", values.length - testStart, "columns",
        List.of(config.name()));
    return new Dataset() {
      public WindowShape shape() {
        return shape;
      }

      public WindowSplit train() {
        return train;
      }

      public WindowSplit validation() {
        return validation;
      }

      public WindowSplit test() {
        return test;
      }

      public Optional<ChannelScaler> scaler() {
        return Optional.of(scaler);
      }

      public List<Path> sourceFiles() {
        return List.of(file);
      }

      public Map<String, Object> describe() {
        return description;
      }
    };
  }

  /** Every number of the file, naming the line of the first that is not one. */
  static float[] read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DataException(file, null, "no such file");
    } catch (IOException e) {
      throw new DataException(file, null, "cannot be read: " + e.getMessage(), e);
    }
    float[] values = new float[lines.size()];
    int count = 0;
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).trim();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      try {
        values[count] = Float.parseFloat(text);
      } catch (NumberFormatException e) {
        throw new DataException(file, "line " + (i + 1), "'" + text + "' is not a number");
      }
      if (!Float.isFinite(values[count])) {
        throw new DataException(file, "line " + (i + 1), "is not a finite number");
      }
      count++;
    }
    return java.util.Arrays.copyOf(values, count);
  }

  /** Stride-1 windows over rows {@code [from, to)}: each input of {@code length} rows, then {@code horizon} more. */
  private record Windows(float[] series, int from, int to, int length, int horizon) implements WindowSplit {

    public int size() {
      return to - from - length - horizon + 1;
    }

    public void copyInput(int index, float[] dest, int offset) {
      System.arraycopy(series, from + index, dest, offset, length);
    }

    public void copyTarget(int index, float[] dest, int offset) {
      System.arraycopy(series, from + index + length, dest, offset, horizon);
    }
  }
}
