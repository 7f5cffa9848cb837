package io.tsllm.datasets.anomaly;

import io.tsllm.spi.DataContext;
import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.DatasetLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads an SMD-style anomaly benchmark: train rows (unlabelled, treated as normal; their tail held out for
 * validation), test rows and one 0/1 label per test row.
 */
public final class SmdDatasetLoader implements DatasetLoader<SmdDatasetConfig> {

  @Override
  public String name() {
    return "smd";
  }

  @Override
  public Class<SmdDatasetConfig> configType() {
    return SmdDatasetConfig.class;
  }

  @Override
  public String description() {
    return "SMD-style text files (train, test, test_label) for anomaly detection; per-step labels";
  }

  @Override
  public Dataset load(SmdDatasetConfig config, DataContext context) {
    Path trainFile = context.resolve(config.trainPath());
    Path testFile = context.resolve(config.testPath());
    Path labelFile = context.resolve(config.testLabelPath());
    NumericRows train = NumericRows.read(trainFile, false, null);
    NumericRows test = NumericRows.read(testFile, false, null);
    NumericRows labels = NumericRows.read(labelFile, false, null);
    if (test.width() != train.width()) {
      throw new DataException(testFile, "line 1", "has " + test.width() + " columns, the training file "
          + train.width());
    }
    if (labels.width() != 1 || labels.rows() != test.rows()) {
      throw new DataException(labelFile, null, "has " + labels.rows() + " rows of " + labels.width()
          + " columns; expected one label per test row (" + test.rows() + " rows of 1 column)");
    }
    float[] testLabels = labels.values();
    for (int i = 0; i < testLabels.length; i++) {
      if (testLabels[i] != 0 && testLabels[i] != 1) {
        throw new DataException(labelFile, "label " + (i + 1), "is " + testLabels[i] + "; labels are 0 or 1");
      }
    }
    int validationStart = train.rows() - (int) (train.rows() * config.validationRatio());
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("train_file", trainFile.toString());
    facts.put("test_file", testFile.toString());
    facts.put("test_label_file", labelFile.toString());
    return new AnomalyDatasetBuilder().build(
        new LabelledSeries(train.columns(), validationStart, train.rows(0, validationStart),
            new float[validationStart]),
        new LabelledSeries(train.columns(), train.rows() - validationStart, train.rows(validationStart, train.rows()),
            new float[train.rows() - validationStart]),
        new LabelledSeries(train.columns(), test.rows(), test.values(), testLabels),
        config.inputLength(), config.stride(), config.scale(), List.of(trainFile, testFile, labelFile), facts);
  }
}
