package io.tsllm.core.report;

import io.tsllm.core.io.AtomicFiles;
import io.tsllm.core.io.NpyWriter;
import io.tsllm.core.serve.ChannelUnits;
import io.tsllm.core.train.TrainingListener;
import io.tsllm.core.train.TrainingOutcome;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.ChannelSpan;
import io.tsllm.spi.CsvRowWriter;
import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.WindowShape;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Session;

/**
 * A {@code FORECAST} prediction's test split: predictions and targets in the data's original units:
 * {@code predictions.npy} and
 * {@code targets.npy} ({@code [windows, horizon, channels]} float32) and {@code predictions.csv} (one row per
 * window and step: {@code window, step, <channel>_prediction..., <channel>_target...}). Written under temporary
 * names and renamed once the test pass is complete.
 */
final class PredictionFiles implements TrainingListener {

  static final String PREDICTIONS_NPY = "predictions.npy";
  static final String TARGETS_NPY = "targets.npy";
  static final String PREDICTIONS_CSV = "predictions.csv";

  private final Path folder;
  private final WindowShape shape;
  private final ChannelSpan span;
  private final Optional<ChannelScaler> scaler;
  private final int windows;
  private NpyWriter predictions;
  private NpyWriter targets;
  private BufferedWriter csv;
  private int window;

  /** @param span the input channels the forecast holds */
  PredictionFiles(Path folder, WindowShape shape, ChannelSpan span, Optional<ChannelScaler> scaler, int windows) {
    this.folder = folder;
    this.shape = shape;
    this.span = span;
    this.scaler = scaler;
    this.windows = windows;
  }

  @Override
  public void onTestBatch(EvaluationBatch batch) {
    float[] predicted = batch.predictions();
    float[] truth = batch.targets();
    int count = batch.count();
    try {
      if (predictions == null) {
        open();
      }
      int size = shape.targetLength() * span.count();
      float[] p = ChannelUnits.toOriginal(predicted, count * size, span, scaler);
      float[] t = ChannelUnits.toOriginal(truth, count * size, span, scaler);
      predictions.write(p, 0, count * size);
      targets.write(t, 0, count * size);
      int channels = span.count();
      StringBuilder rows = new StringBuilder();
      for (int s = 0; s < count; s++, window++) {
        for (int step = 0; step < shape.targetLength(); step++) {
          rows.append(window).append(',').append(step + 1);
          int base = s * size + step * channels;
          for (int c = 0; c < channels; c++) {
            rows.append(',').append(p[base + c]);
          }
          for (int c = 0; c < channels; c++) {
            rows.append(',').append(t[base + c]);
          }
          rows.append('\n');
        }
      }
      csv.write(rows.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write predictions under " + folder, e);
    }
  }

  @Override
  public void afterTest(Session session, TrainingOutcome outcome) {
    if (predictions == null) {
      return;
    }
    try {
      predictions.close();
      targets.close();
      csv.close();
      for (String name : new String[] {PREDICTIONS_NPY, TARGETS_NPY, PREDICTIONS_CSV}) {
        AtomicFiles.move(temp(name), folder.resolve(name));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish the prediction files under " + folder, e);
    }
  }

  private void open() throws IOException {
    long[] dims = {windows, shape.targetLength(), span.count()};
    predictions = new NpyWriter(temp(PREDICTIONS_NPY), dims);
    targets = new NpyWriter(temp(TARGETS_NPY), dims);
    csv = Files.newBufferedWriter(temp(PREDICTIONS_CSV));
    List<String> header = new ArrayList<>(List.of("window", "step"));
    for (String suffix : new String[] {"_prediction", "_target"}) {
      for (int c = 0; c < span.count(); c++) {
        header.add(shape.channelNames().get(span.channel(c)) + suffix);
      }
    }
    // Channel names are the data file's and may hold commas or quotes; the rows are numbers, never quoted.
    csv.write(CsvRowWriter.text(List.of(header)));
  }

  private Path temp(String name) {
    return folder.resolve("." + name + ".tmp");
  }
}
