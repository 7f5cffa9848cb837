package io.tsllm.datasets.anomaly;

import io.tsllm.datasets.series.LoadedDataset;
import io.tsllm.datasets.series.StandardScalerFit;
import io.tsllm.datasets.series.StridedWindows;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.DataException;
import io.tsllm.spi.WindowShape;
import io.tsllm.spi.WindowSplit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The field's anomaly-detection protocol (Anomaly Transformer, GPT4TS): a standard scaler fitted on the training
 * rows; training windows with a stride (1 by default); validation and test windows that tile their rows
 * ({@code stride = input_length}), so each step is scored once and the test windows laid end to end are the test
 * series. Steps after the last whole test window are left out and reported.
 */
final class AnomalyDatasetBuilder {

  /**
   * @param train the rows the model learns from (and the scaler is fitted on)
   * @param validation rows for model selection, may come from the training file
   * @param test the labelled rows the metrics are computed on
   * @param files the source files, in the order their rows were read
   */
  LoadedDataset build(LabelledSeries train, LabelledSeries validation, LabelledSeries test, int inputLength, int stride,
      boolean scale, List<Path> files, Map<String, Object> facts) {
    String[] names = {"train", "validation", "test"};
    LabelledSeries[] parts = {train, validation, test};
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].rows() < inputLength) {
        throw new DataException(files.get(0), null, "the " + names[i] + " split has "
            + parts[i].rows() + " rows, fewer than one window of input_length " + inputLength);
      }
    }
    int width = train.width();
    ChannelScaler scaler = scale ? new StandardScalerFit().fit(train.values(), train.rows(), width)
        : new StandardScalerFit().identity(width);
    WindowSplit trainWindows = windows(train, scaler, inputLength, stride);
    WindowSplit validationWindows = windows(validation, scaler, inputLength, inputLength);
    WindowSplit testWindows = windows(test, scaler, inputLength, inputLength);
    WindowShape shape = WindowShape.stepLabels(inputLength, train.columns(), List.of("anomaly"));
    Map<String, Object> description = new LinkedHashMap<>(facts);
    description.put("columns", train.columns());
    description.put("train", Map.of("rows", train.rows(), "windows", trainWindows.size(), "stride", stride,
        "anomalous_rows", train.anomalies()));
    description.put("validation", Map.of("rows", validation.rows(), "windows", validationWindows.size(),
        "anomalous_rows", validation.anomalies()));
    description.put("test", Map.of("rows", test.rows(), "windows", testWindows.size(),
        "anomalous_rows", test.anomalies(), "rows_left_out", test.rows() - testWindows.size() * inputLength));
    description.put("scaler_mean", scaler.mean());
    description.put("scaler_scale", scaler.scale());
    return new LoadedDataset(shape, trainWindows, validationWindows, testWindows,
        scale ? Optional.of(scaler) : Optional.empty(), List.copyOf(files), description);
  }

  private static WindowSplit windows(LabelledSeries part, ChannelScaler scaler, int inputLength, int stride) {
    int width = part.width();
    float[] scaled = new float[part.values().length];
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = (float) scaler.scale(part.values()[i], i % width);
    }
    return new StridedWindows(scaled, part.labels(), width, 1, 0, part.rows(), inputLength, stride, part.times());
  }
}
