package io.tsllm.core.report;

import io.tsllm.core.io.AtomicFiles;
import io.tsllm.core.train.TrainingListener;
import io.tsllm.core.train.TrainingOutcome;
import io.tsllm.spi.CsvRowWriter;
import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.WindowShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tensorflow.Session;

/**
 * A {@code VALUES} prediction's test split: {@code predictions.csv} (one row per window:
 * {@code window, <target>_prediction..., <target>_target...}, in the targets' own units) and {@code scatter.png}
 * (XChart), predicted against true values per target with the identity line.
 */
final class ValuesReport implements TrainingListener {

  static final String CSV = "predictions.csv";
  static final String PLOT = "scatter.png";
  private final Path folder;
  private final List<String> targets;
  private final List<double[]> predicted = new ArrayList<>();
  private final List<double[]> truth = new ArrayList<>();

  ValuesReport(Path folder, WindowShape shape) {
    this.folder = folder;
    this.targets = shape.targetNames();
  }

  @Override
  public void onTestBatch(EvaluationBatch batch) {
    int k = targets.size();
    for (int s = 0; s < batch.count(); s++) {
      double[] p = new double[k];
      double[] t = new double[k];
      for (int c = 0; c < k; c++) {
        p[c] = batch.predictions()[s * k + c];
        t[c] = batch.targets()[s * k + c];
      }
      predicted.add(p);
      truth.add(t);
    }
  }

  @Override
  public void afterTest(Session session, TrainingOutcome outcome) {
    if (predicted.isEmpty()) {
      return;
    }
    List<String> header = new ArrayList<>(List.of("window"));
    targets.forEach(name -> header.add(name + "_prediction"));
    targets.forEach(name -> header.add(name + "_target"));
    // Target names come from the data and may hold commas or quotes; the rows are numbers, never quoted.
    StringBuilder csv = new StringBuilder(CsvRowWriter.text(List.of(header)));
    for (int w = 0; w < predicted.size(); w++) {
      csv.append(w);
      for (double v : predicted.get(w)) {
        csv.append(',').append((float) v);
      }
      for (double v : truth.get(w)) {
        csv.append(',').append((float) v);
      }
      csv.append('\n');
    }
    List<XYChart> charts = new ArrayList<>();
    for (int c = 0; c < targets.size(); c++) {
      charts.add(scatter(c));
    }
    try {
      AtomicFiles.write(folder.resolve(CSV), csv.toString().getBytes(StandardCharsets.UTF_8));
      BitmapEncoder.saveBitmap(charts, charts.size(), 1, folder.resolve(PLOT).toString(),
          BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the test predictions under " + folder, e);
    }
  }

  private XYChart scatter(int target) {
    String name = targets.get(target);
    double[] x = truth.stream().mapToDouble(t -> t[target]).toArray();
    double[] y = predicted.stream().mapToDouble(p -> p[target]).toArray();
    double low = Math.min(java.util.Arrays.stream(x).min().orElse(0), java.util.Arrays.stream(y).min().orElse(0));
    double high = Math.max(java.util.Arrays.stream(x).max().orElse(1), java.util.Arrays.stream(y).max().orElse(1));
    XYChart chart = new XYChartBuilder().width(620).height(560).title("Test split: predicted vs true " + name)
        .xAxisTitle("true " + name + " (target units)").yAxisTitle("predicted " + name + " (target units)").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(5);
    chart.addSeries("windows", x, y);
    XYSeries identity = chart.addSeries("identity (perfect)", new double[] {low, high}, new double[] {low, high});
    identity.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    identity.setMarker(SeriesMarkers.NONE);
    return chart;
  }
}
