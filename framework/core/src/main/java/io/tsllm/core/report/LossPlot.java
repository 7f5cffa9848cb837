package io.tsllm.core.report;

import io.tsllm.core.train.EpochRecord;
import io.tsllm.core.train.TrainingListener;
import io.tsllm.core.train.TrainingOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.tensorflow.Session;

/** {@code loss.png} (XChart): training and validation loss per epoch, for every task. */
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
        .yAxisTitle("loss").build();
    double[] x = epochs.stream().mapToDouble(EpochRecord::epoch).toArray();
    chart.addSeries("training", x, epochs.stream().mapToDouble(EpochRecord::trainLoss).toArray());
    chart.addSeries("validation", x, epochs.stream().mapToDouble(EpochRecord::validationLoss).toArray());
    try {
      BitmapEncoder.saveBitmap(chart, folder.resolve(FILE).toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + folder.resolve(FILE), e);
    }
  }
}
