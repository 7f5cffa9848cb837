package io.tsllm.core.report;

import io.tsllm.core.train.TrainingListener;
import io.tsllm.core.train.TrainingOutcome;
import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.OutputSpec;
import io.tsllm.spi.StepFlag;
import io.tsllm.spi.TargetKind;
import io.tsllm.spi.WindowShape;
import io.tsllm.spi.WindowSplit;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tensorflow.Session;

/**
 * A {@code STEP_SCORE} output over the test split (XChart), its windows laid end to end in order (against the data's
 * timestamps where it has them), with the threshold of its flag (the test metric the flag names) and the labelled
 * steps shaded when the dataset has step labels. Written as {@code <flag column>.png} for a flagged score (e.g. {@code anomaly.png}), otherwise
 * {@code <output>.png}.
 */
final class StepScorePlot implements TrainingListener {

  static final int POINTS = 20_000;

  private final Path folder;
  private final WindowShape shape;
  private final OutputSpec output;
  private final WindowSplit test;
  private final String file;
  private final List<Date> times = new ArrayList<>();
  private double[] scores = new double[1024];
  private double[] labels = new double[1024];
  private int steps;
  private int windows;

  /** @param test the test split, whose step times (where the data has them) label the x-axis */
  StepScorePlot(Path folder, WindowShape shape, OutputSpec output, WindowSplit test) {
    this.folder = folder;
    this.shape = shape;
    this.output = output;
    this.test = test;
    this.file = output.flag().map(StepFlag::column).orElse(output.name()) + ".png";
  }

  @Override
  public void onTestBatch(EvaluationBatch batch) {
    float[] score = batch.output(output.name());
    int perWindow = shape.inputLength();
    boolean labelled = shape.targetKind() == TargetKind.STEP_LABELS;
    for (int s = 0; s < batch.count(); s++, windows++) {
      for (int t = 0; t < perWindow; t++) {
        test.stepTime(windows, t).ifPresent(time -> times.add(Date.from(time.toInstant(ZoneOffset.UTC))));
        if (steps == scores.length) {
          scores = Arrays.copyOf(scores, steps * 2);
          labels = Arrays.copyOf(labels, steps * 2);
        }
        scores[steps] = score[s * perWindow + t];
        labels[steps] = labelled ? batch.targets()[(s * shape.inputLength() + t) * shape.targetChannels()] : 0;
        steps++;
      }
    }
  }

  @Override
  public void afterTest(Session session, TrainingOutcome outcome) {
    if (steps == 0) {
      return;
    }
    boolean dated = times.size() == steps;
    // Long test splits (a seismic test split holds millions of steps) are drawn at most POINTS wide: each point the
    // highest score and label of its block of steps, so no peak is lost.
    int block = (steps + POINTS - 1) / POINTS;
    int points = (steps + block - 1) / block;
    List<Object> x = new ArrayList<>(points);
    List<Double> blockScores = new ArrayList<>(points);
    List<Double> blockLabels = new ArrayList<>(points);
    double max = 0;
    for (int i = 0; i < steps; i += block) {
      double score = Double.NEGATIVE_INFINITY;
      double label = 0;
      for (int j = i; j < Math.min(steps, i + block); j++) {
        score = Math.max(score, scores[j]);
        label = Math.max(label, labels[j]);
      }
      x.add(dated ? times.get(i) : (Object) i);
      blockScores.add(score);
      blockLabels.add(label);
      max = Math.max(max, score);
    }
    XYChart chart = new XYChartBuilder().width(1200).height(420).title("Test split: " + output.name())
        .xAxisTitle(dated ? "time (the data's timestamps)" : "test step (the test windows end to end)")
        .yAxisTitle(output.name()).build();
    if (dated) {
      chart.getStyler().setDatePattern("yyyy-MM-dd HH:mm");
    }
    if (shape.targetKind() == TargetKind.STEP_LABELS) {
      List<Double> shade = new ArrayList<>(points);
      for (double label : blockLabels) {
        shade.add(label > 0.5 ? max : 0);
      }
      XYSeries anomalies = chart.addSeries("labelled " + shape.targetNames().get(0), x, shade);
      anomalies.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
      anomalies.setMarker(SeriesMarkers.NONE);
      anomalies.setFillColor(new Color(220, 60, 60, 70));
      anomalies.setLineColor(new Color(220, 60, 60, 160));
    }
    chart.addSeries(output.name(), x, blockScores).setMarker(SeriesMarkers.NONE);
    output.flag().ifPresent(flag -> {
      Double threshold = outcome.test().get(flag.thresholdMetric());
      if (threshold != null) {
        chart.addSeries(flag.thresholdMetric(), List.of(x.get(0), x.get(points - 1)), List.of(threshold, threshold))
            .setMarker(SeriesMarkers.NONE);
      }
    });
    try {
      BitmapEncoder.saveBitmap(chart, folder.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder.resolve(file), e);
    }
  }
}
