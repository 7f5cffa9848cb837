package io.tsllm.core.report;

import io.tsllm.core.train.TrainingListener;
import io.tsllm.core.train.TrainingOutcome;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.ChannelSpan;
import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.WindowShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tensorflow.Session;

/**
 * {@code forecast.png} (XChart): the first, middle and last test windows of a {@code FORECAST} prediction's last
 * channel: the input history, the truth and the prediction, in original units.
 */
final class ForecastPlot implements TrainingListener {

  static final String FILE = "forecast.png";
  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;

  private record Sample(int window, double[] history, double[] truth, double[] forecast) {}

  private final Path folder;
  private final WindowShape shape;
  private final ChannelSpan span;
  private final Optional<ChannelScaler> scaler;
  private final List<Integer> wanted;
  private final List<Sample> samples = new ArrayList<>();
  private int seen;

  /** @param span the input channels the forecast holds; the last of them is plotted */
  ForecastPlot(Path folder, WindowShape shape, ChannelSpan span, Optional<ChannelScaler> scaler, int testWindows) {
    this.folder = folder;
    this.shape = shape;
    this.span = span;
    this.scaler = scaler;
    this.wanted = List.of(0, testWindows / 2, testWindows - 1);
  }

  @Override
  public void onTestBatch(EvaluationBatch batch) {
    float[] inputs = batch.inputs();
    float[] predictions = batch.predictions();
    float[] targets = batch.targets();
    int count = batch.count();
    int channel = span.channel(span.count() - 1);
    int target = span.count() - 1;
    for (int s = 0; s < count; s++, seen++) {
      if (!wanted.contains(seen) || samples.stream().anyMatch(x -> x.window() == seen)) {
        continue;
      }
      double[] history = new double[shape.inputLength()];
      for (int t = 0; t < history.length; t++) {
        history[t] = original(inputs[s * shape.inputSize() + t * shape.channels() + channel], channel);
      }
      double[] truth = new double[shape.targetLength()];
      double[] forecast = new double[shape.targetLength()];
      for (int t = 0; t < truth.length; t++) {
        int i = (s * shape.targetLength() + t) * span.count() + target;
        truth[t] = original(targets[i], channel);
        forecast[t] = original(predictions[i], channel);
      }
      samples.add(new Sample(seen, history, truth, forecast));
    }
  }

  @Override
  public void afterTest(Session session, TrainingOutcome outcome) {
    try {
      if (!samples.isEmpty()) {
        List<XYChart> charts = samples.stream().map(this::forecastChart).toList();
        BitmapEncoder.saveBitmap(charts, charts.size(), 1, folder.resolve(FILE).toString(),
            BitmapEncoder.BitmapFormat.PNG);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder.resolve(FILE), e);
    }
  }

  private XYChart forecastChart(Sample sample) {
    String channel = shape.channelNames().get(span.channel(span.count() - 1));
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Test window " + sample.window() + ", " + channel)
        .xAxisTitle("step (0: the window's last input step)").yAxisTitle(channel + " (the data's units)").build();
    int l = sample.history().length;
    double[] past = new double[l];
    for (int t = 0; t < l; t++) {
      past[t] = t - l + 1;
    }
    double[] future = new double[sample.truth().length];
    for (int t = 0; t < future.length; t++) {
      future[t] = t + 1;
    }
    chart.addSeries("input", past, sample.history()).setMarker(SeriesMarkers.NONE);
    chart.addSeries("truth", future, sample.truth()).setMarker(SeriesMarkers.NONE);
    XYSeries predicted = chart.addSeries("predicted", future, sample.forecast());
    predicted.setMarker(SeriesMarkers.NONE);
    return chart;
  }

  private double original(float value, int channel) {
    return scaler.isPresent() ? scaler.get().inverse(value, channel) : value;
  }
}
