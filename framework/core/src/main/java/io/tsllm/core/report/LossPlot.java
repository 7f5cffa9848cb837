package io.tsllm.core.report;

import io.tsllm.core.train.EpochRecord;
import io.tsllm.core.train.TrainingListener;
import io.tsllm.core.train.TrainingOutcome;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tensorflow.Session;

/**
 * {@code loss.png} (XChart): training and validation loss per epoch, for every task, with the best epoch (the one
 * whose weights were kept) marked; the loss axis is logarithmic when the losses span more than a decade.
 */
final class LossPlot implements TrainingListener {

  static final String FILE = "loss.png";
  private final Path folder;

  LossPlot(Path folder) {
    this.folder = folder;
  }

  @Override
  public void afterTest(Session session, TrainingOutcome outcome) {
    List<EpochRecord> epochs = outcome.epochs();
    XYChart chart = new XYChartBuilder().width(900).height(420).title("Loss per epoch").xAxisTitle("epoch")
        .yAxisTitle("loss (the head's training objective, scaled data)").build();
    double[] x = epochs.stream().mapToDouble(EpochRecord::epoch).toArray();
    double[] training = epochs.stream().mapToDouble(EpochRecord::trainLoss).toArray();
    double[] validation = epochs.stream().mapToDouble(EpochRecord::validationLoss).toArray();
    chart.addSeries("training", x, training);
    chart.addSeries("validation", x, validation);
    for (int i = 0; i < x.length; i++) {
      if (epochs.get(i).epoch() == outcome.bestEpoch()) {
        XYSeries best = chart.addSeries("best epoch (" + outcome.bestEpoch() + ")", new double[] {x[i]},
            new double[] {validation[i]});
        best.setMarker(SeriesMarkers.DIAMOND);
        best.setMarkerColor(Color.RED);
        best.setLineColor(Color.RED);
      }
    }
    double low = Double.POSITIVE_INFINITY;
    double high = 0;
    for (double v : java.util.stream.DoubleStream.concat(java.util.Arrays.stream(training),
        java.util.Arrays.stream(validation)).toArray()) {
      if (Double.isFinite(v)) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
    chart.getStyler().setYAxisLogarithmic(low > 0 && high / low > 10);
    try {
      BitmapEncoder.saveBitmap(chart, folder.resolve(FILE).toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder.resolve(FILE), e);
    }
  }
}
