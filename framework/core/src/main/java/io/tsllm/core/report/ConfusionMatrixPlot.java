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
 * {@code confusion.png}: the test split's confusion matrix (true class by row, predicted class by column, counts),
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
    HeatMapChart chart = new HeatMapChartBuilder().width(160 + 60 * k).height(120 + 60 * k)
        .title("Test confusion matrix (rows: true, columns: predicted)").build();
    chart.getStyler().setShowValue(true);
    List<Number[]> cells = new ArrayList<>();
    for (int truth = 0; truth < k; truth++) {
      for (int predicted = 0; predicted < k; predicted++) {
        cells.add(new Number[] {predicted, k - 1 - truth, counts[truth][predicted]});
      }
    }
    List<String> rows = new ArrayList<>(classes);
    java.util.Collections.reverse(rows);
    chart.addSeries("test", classes, rows, cells);
    try {
      BitmapEncoder.saveBitmap(chart, folder.resolve(FILE).toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder.resolve(FILE), e);
    }
  }
}
