package io.tsllm.core.report;

import io.tsllm.core.train.TrainingListener;
import io.tsllm.core.train.TrainingOutcome;
import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.WindowShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.tensorflow.Session;

/**
 * {@code confusion.png}: the test split's confusion matrix (true class by row, predicted class by column, both named
 * by the dataset's class names): the window counts beside each row's shares of its true class,
 * for a {@code CLASS_PROBABILITIES} prediction. The prediction is the class of highest probability.
 */
final class ConfusionMatrixPlot implements TrainingListener {

  static final String FILE = "confusion.png";
  private final Path folder;
  private final List<String> classes;
  private final long[][] counts;

  ConfusionMatrixPlot(Path folder, WindowShape shape) {
    this.folder = folder;
    this.classes = shape.classes();
    this.counts = new long[classes.size()][classes.size()];
  }

  @Override
  public void onTestBatch(EvaluationBatch batch) {
    float[] predictions = batch.predictions();
    float[] targets = batch.targets();
    int count = batch.count();
    int k = classes.size();
    for (int s = 0; s < count; s++) {
      int predicted = 0;
      for (int c = 1; c < k; c++) {
        if (predictions[s * k + c] > predictions[s * k + predicted]) {
          predicted = c;
        }
      }
      counts[(int) targets[s]][predicted]++;
    }
  }

  @Override
  public void afterTest(Session session, TrainingOutcome outcome) {
    int k = classes.size();
    double[][] shares = new double[k][k];
    double[][] countValues = new double[k][k];
    for (int truth = 0; truth < k; truth++) {
      long support = 0;
      for (int predicted = 0; predicted < k; predicted++) {
        support += counts[truth][predicted];
      }
      for (int predicted = 0; predicted < k; predicted++) {
        countValues[truth][predicted] = counts[truth][predicted];
        shares[truth][predicted] = support == 0 ? 0 : (double) counts[truth][predicted] / support;
      }
    }
    long most = java.util.Arrays.stream(counts).flatMapToLong(java.util.Arrays::stream).max().orElse(1);
    List<HeatMapChart> charts = List.of(
        matrix("Test confusion matrix: windows", countValues, "#", Math.max(1, most)),
        matrix("Share of each true class", shares, "0%", 1));
    try {
      BitmapEncoder.saveBitmap(charts, 1, 2, folder.resolve(FILE).toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder.resolve(FILE), e);
    }
  }

  /** One matrix, true classes down (first at the top), predicted classes across, each cell's value written. */
  private HeatMapChart matrix(String title, double[][] values, String pattern, double max) {
    int k = classes.size();
    HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(460, 220 + 90 * k))
        .height(Math.max(420, 180 + 80 * k)).title(title).xAxisTitle("predicted class").yAxisTitle("true class")
        .build();
    chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern(pattern).setMin(0).setMax(max)
        .setLegendVisible(false);
    List<Number[]> cells = new ArrayList<>();
    for (int truth = 0; truth < k; truth++) {
      for (int predicted = 0; predicted < k; predicted++) {
        cells.add(new Number[] {predicted, k - 1 - truth, values[truth][predicted]});
      }
    }
    List<String> rows = new ArrayList<>(classes);
    java.util.Collections.reverse(rows);
    chart.addSeries(title, classes, rows, cells);
    return chart;
  }
}
