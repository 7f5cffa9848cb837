package io.tsllm.datasets.ucr;

import io.tsllm.datasets.series.LoadedDataset;
import io.tsllm.datasets.series.SeriesTable;
import io.tsllm.datasets.series.StandardScalerFit;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.DataContext;
import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.DatasetLoader;
import io.tsllm.spi.WindowShape;
import io.tsllm.spi.WindowSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UCR/UEA classification: each case of the {@code .ts} files is one window {@code [length, dimensions]} whose
 * target is its class index. Validation is carved from TRAIN, stratified by class; TEST stays untouched unless
 * {@code validate_on_test} asks otherwise.
 */
public final class UcrDatasetLoader implements DatasetLoader<UcrDatasetConfig> {

  private static final Logger LOG = LoggerFactory.getLogger(UcrDatasetLoader.class);

  @Override
  public String name() {
    return "ucr";
  }

  @Override
  public Class<UcrDatasetConfig> configType() {
    return UcrDatasetConfig.class;
  }

  @Override
  public String description() {
    return "UCR/UEA .ts classification (uni/multivariate, equal or unequal length), stratified validation split";
  }

  @Override
  public Dataset load(UcrDatasetConfig config, DataContext context) {
    Path trainFile = context.resolve(config.trainPath());
    Path testFile = context.resolve(config.testPath());
    TsFile train = new TsFileReader().read(trainFile);
    TsFile test = new TsFileReader().read(testFile);
    if (!train.classes().equals(test.classes()) || train.dimensions() != test.dimensions()) {
      throw new DataException(testFile, null, "has classes " + test.classes() + " and " + test.dimensions()
          + " dimensions, but " + trainFile.getFileName() + " has " + train.classes() + " and " + train.dimensions());
    }
    int length = length(config.length(), train, test);
    int channels = train.dimensions();
    List<float[]> trainCases = cases(train, length, config.missing(), trainFile);
    List<float[]> testCases = cases(test, length, config.missing(), testFile);
    Optional<ChannelScaler> scaler = Optional.empty();
    List<String> names = new ArrayList<>();
    for (int c = 0; c < channels; c++) {
      names.add("dim" + (c + 1));
    }
    if (config.scale()) {
      ChannelScaler fitted = fit(trainCases, length, channels, names);
      scaleAll(trainCases, fitted, channels);
      scaleAll(testCases, fitted, channels);
      scaler = Optional.of(fitted);
    }
    List<Integer> trainIndex = new ArrayList<>();
    List<Integer> validationIndex = new ArrayList<>();
    stratifiedSplit(train.labels(), config.validationFraction(), config.splitSeed(), trainIndex, validationIndex);
    CaseSplit trainSplit = new CaseSplit(trainCases, labels(train), trainIndex);
    CaseSplit testSplit = new CaseSplit(testCases, labels(test), allIndices(test.cases()));
    WindowSplit validation;
    if (config.validateOnTest()) {
      LOG.warn("data.validate_on_test: validating on TEST leaks the test set into model selection; numbers obtained"
          + " this way are optimistic and not comparable with a clean protocol");
      trainSplit = new CaseSplit(trainCases, labels(train), allIndices(train.cases()));
      validation = testSplit;
    } else {
      validation = new CaseSplit(trainCases, labels(train), validationIndex);
    }
    WindowShape shape = new WindowShape(length, channels, 1, 1, names, train.classes());
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("problem", train.header().getOrDefault("problemname", ""));
    description.put("classes", train.classes());
    description.put("dimensions", channels);
    description.put("length", length);
    description.put("lengths_in_files", List.of(Math.min(train.minLength(), test.minLength()),
        Math.max(train.maxLength(), test.maxLength())));
    description.put("cases", Map.of("train", trainSplit.size(), "validation", validation.size(), "test",
        testSplit.size()));
    description.put("validate_on_test", config.validateOnTest());
    return new LoadedDataset(shape, trainSplit, validation, testSplit, scaler, List.of(trainFile, testFile), description);
  }

  private static int length(String policy, TsFile train, TsFile test) {
    return switch (policy) {
      case "pad" -> Math.max(train.maxLength(), test.maxLength());
      case "truncate" -> Math.min(train.minLength(), test.minLength());
      default -> Integer.parseInt(policy);
    };
  }

  /** Each case as a row-major {@code [length, dimensions]} window, cut or padded with its last value. */
  private static List<float[]> cases(TsFile file, int length, String missing, Path path) {
    List<float[]> cases = new ArrayList<>();
    int channels = file.dimensions();
    for (int i = 0; i < file.cases(); i++) {
      float[][] series = file.series().get(i);
      float[] window = new float[length * channels];
      for (int c = 0; c < channels; c++) {
        float[] values = series[c];
        for (int t = 0; t < length; t++) {
          float v = values[Math.min(t, values.length - 1)];
          if (Float.isNaN(v)) {
            if (missing.equals("fail")) {
              throw new DataException(path, "case " + (i + 1) + ", dimension " + (c + 1) + ", step " + (t + 1),
                  "a missing value ('?'); set data.missing to \"zero\" to fill missing values with 0");
            }
            v = 0;
          }
          window[t * channels + c] = v;
        }
      }
      cases.add(window);
    }
    return cases;
  }

  private static ChannelScaler fit(List<float[]> cases, int length, int channels, List<String> names) {
    float[] values = new float[cases.size() * length * channels];
    for (int i = 0; i < cases.size(); i++) {
      System.arraycopy(cases.get(i), 0, values, i * length * channels, length * channels);
    }
    int rows = cases.size() * length;
    SeriesTable table = new SeriesTable(names, rows, values, "row", new int[rows], List.of());
    return new StandardScalerFit().fit(table, rows);
  }

  private static void scaleAll(List<float[]> cases, ChannelScaler scaler, int channels) {
    for (float[] window : cases) {
      for (int i = 0; i < window.length; i++) {
        window[i] = (float) scaler.scale(window[i], i % channels);
      }
    }
  }

  /** Per class, a seeded shuffle; the first {@code fraction} of each class (at least one of two or more) goes to validation. */
  private static void stratifiedSplit(List<String> labels, double fraction, long seed, List<Integer> train,
      List<Integer> validation) {
    Map<String, List<Integer>> byClass = new LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      byClass.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(i);
    }
    Random random = new Random(seed);
    for (List<Integer> members : byClass.values()) {
      Collections.shuffle(members, random);
      int held = members.size() < 2 ? 0 : Math.max(1, (int) Math.round(members.size() * fraction));
      validation.addAll(members.subList(0, held));
      train.addAll(members.subList(held, members.size()));
    }
    Collections.sort(train);
    Collections.sort(validation);
  }

  private static int[] labels(TsFile file) {
    return file.labels().stream().mapToInt(file.classes()::indexOf).toArray();
  }

  private static List<Integer> allIndices(int count) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(i);
    }
    return all;
  }

  /** Some cases of a file, each a window with its class index as target. */
  private record CaseSplit(List<float[]> cases, int[] labels, List<Integer> members) implements WindowSplit {
    public int size() {
      return members.size();
    }

    public void copyInput(int index, float[] dest, int offset) {
      float[] window = cases.get(members.get(index));
      System.arraycopy(window, 0, dest, offset, window.length);
    }

    public void copyTarget(int index, float[] dest, int offset) {
      dest[offset] = labels[members.get(index)];
    }
  }
}
