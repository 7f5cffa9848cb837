package io.tsllm.core.report;

import io.tsllm.core.train.TrainingListener;
import io.tsllm.core.train.TrainingOutcome;
import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.OutputSpec;
import io.tsllm.spi.ProbabilityPeaks;
import io.tsllm.spi.StepFlag;
import io.tsllm.spi.WindowShape;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tensorflow.Session;

/**
 * A {@code STEP_PROBABILITIES} prediction on a few test windows ({@value #WINDOWS} with a labelled step, in test
 * order), one panel each: the input channel of largest amplitude (scaled to the panel), each target's label
 * (dashed) and predicted probability, the flag's threshold and the picks taken from the probabilities (the peak of
 * each run at or above it). Written as {@code <flag column>.png} (e.g. {@code picks.png}), else
 * {@code <output>.png}.
 */
final class StepProbabilityPlot implements TrainingListener {

  static final int WINDOWS = 4;
  private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
      new Color(148, 103, 189)};

  private final Path folder;
  private final WindowShape shape;
  private final OutputSpec output;
  private final String file;
  private final List<float[]> inputs = new ArrayList<>();
  private final List<float[]> labels = new ArrayList<>();
  private final List<float[]> probabilities = new ArrayList<>();
  private final List<Integer> indices = new ArrayList<>();
  private int seen;

  StepProbabilityPlot(Path folder, WindowShape shape, OutputSpec output) {
    this.folder = folder;
    this.shape = shape;
    this.output = output;
    this.file = output.flag().map(StepFlag::column).orElse(output.name()) + ".png";
  }

  @Override
  public void onTestBatch(EvaluationBatch batch) {
    int input = shape.inputSize();
    int target = shape.targetSize();
    float[] predicted = OutputSpec.PREDICTION.equals(output.name()) ? batch.predictions()
        : batch.output(output.name());
    for (int s = 0; s < batch.count() && inputs.size() < WINDOWS; s++) {
      float[] label = Arrays.copyOfRange(batch.targets(), s * target, (s + 1) * target);
      boolean labelled = false;
      for (float v : label) {
        labelled |= v >= 0.5f;
      }
      if (labelled) {
        inputs.add(Arrays.copyOfRange(batch.inputs(), s * input, (s + 1) * input));
        labels.add(label);
        probabilities.add(Arrays.copyOfRange(predicted, s * target, (s + 1) * target));
        indices.add(seen + s);
      }
    }
    seen += batch.count();
  }

  @Override
  public void afterTest(Session session, TrainingOutcome outcome) {
    if (inputs.isEmpty()) {
      return;
    }
    Double threshold = output.flag().map(f -> outcome.test().get(f.thresholdMetric())).orElse(null);
    List<XYChart> charts = new ArrayList<>();
    for (int w = 0; w < inputs.size(); w++) {
      charts.add(panel(w, threshold));
    }
    Path target = folder.resolve(file);
    try {
      BitmapEncoder.saveBitmap(charts, charts.size(), 1, target.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private XYChart panel(int w, Double threshold) {
    int length = shape.inputLength();
    int channels = shape.channels();
    int targets = shape.targetChannels();
    XYChart chart = new XYChartBuilder().width(1200).height(300)
        .title("Test window " + (indices.get(w) + 1) + ": " + output.name()).xAxisTitle("sample")
        .yAxisTitle("probability").build();
    chart.getStyler().setYAxisMin(-1.05).setYAxisMax(1.05).setLegendPosition(
        org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    float[] input = inputs.get(w);
    int loudest = 0;
    double peak = 0;
    for (int c = 0; c < channels; c++) {
      for (int t = 0; t < length; t++) {
        if (Math.abs(input[t * channels + c]) > peak) {
          peak = Math.abs(input[t * channels + c]);
          loudest = c;
        }
      }
    }
    double[] x = new double[length];
    double[] wave = new double[length];
    for (int t = 0; t < length; t++) {
      x[t] = t;
      wave[t] = peak == 0 ? 0 : input[t * channels + loudest] / peak;
    }
    XYSeries waveform = chart.addSeries(shape.channelNames().get(loudest) + " (scaled)", x, wave);
    waveform.setMarker(SeriesMarkers.NONE).setLineColor(new Color(150, 150, 150)).setLineWidth(0.6f);
    for (int k = 0; k < targets; k++) {
      String name = shape.targetNames().get(k);
      Color colour = COLOURS[k % COLOURS.length];
      double[] label = new double[length];
      double[] probability = new double[length];
      for (int t = 0; t < length; t++) {
        label[t] = labels.get(w)[t * targets + k];
        probability[t] = probabilities.get(w)[t * targets + k];
      }
      XYSeries labelled = chart.addSeries(name + " label", x, label);
      labelled.setMarker(SeriesMarkers.NONE).setLineColor(colour).setLineStyle(new BasicStroke(1.2f,
          BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {5, 4}, 0));
      chart.addSeries(name + " probability", x, probability).setMarker(SeriesMarkers.NONE).setLineColor(colour);
      if (threshold != null) {
        List<ProbabilityPeaks.Peak> picks = ProbabilityPeaks.find(probabilities.get(w), k, length, targets,
            threshold.floatValue());
        if (!picks.isEmpty()) {
          XYSeries marks = chart.addSeries(name + " picks", picks.stream().map(p -> (double) p.index()).toList(),
              picks.stream().map(p -> (double) p.probability()).toList());
          marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          marks.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(colour);
        }
      }
    }
    if (threshold != null) {
      chart.addSeries(output.flag().orElseThrow().thresholdMetric(), new double[] {0, length - 1},
          new double[] {threshold, threshold})
          .setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK).setLineWidth(0.5f);
    }
    return chart;
  }
}
