package io.tsllm.core.report;

import io.tsllm.core.model.ModelGraph;
import io.tsllm.core.train.TrainingListener;
import io.tsllm.spi.Dataset;
import io.tsllm.spi.OutputRole;
import io.tsllm.spi.OutputSpec;
import io.tsllm.spi.TargetKind;
import io.tsllm.spi.WindowShape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files and plots a run's test pass leaves in its folder, chosen by the roles the head declared for its
 * outputs: the loss curves always; for a {@code FORECAST} prediction of the dataset's future targets, prediction
 * files and a forecast plot; for a {@code CLASS_PROBABILITIES} prediction of class targets, the confusion matrix;
 * for a {@code VALUES} prediction of value targets, prediction files and a predicted-vs-true scatter; for each
 * {@code STEP_SCORE} output, its plot over the test split; for each {@code STEP_PROBABILITIES} output of step
 * labels, a few labelled test windows with probabilities and picks.
 */
public final class RunReports {

  private RunReports() {}

  public static List<TrainingListener> of(Path folder, ModelGraph model, Dataset data) {
    WindowShape shape = data.shape();
    List<TrainingListener> reports = new ArrayList<>();
    reports.add(new LossPlot(folder));
    OutputSpec prediction = model.contract().prediction();
    if (prediction.role() == OutputRole.FORECAST && shape.targetKind() == TargetKind.FUTURE) {
      var span = prediction.channels().orElseThrow();
      reports.add(new PredictionFiles(folder, shape, span, data.scaler(), data.test().size()));
      reports.add(new ForecastPlot(folder, shape, span, data.scaler(), data.test().size()));
    }
    if (prediction.role() == OutputRole.CLASS_PROBABILITIES && shape.targetKind() == TargetKind.CLASS) {
      reports.add(new ConfusionMatrixPlot(folder, shape));
    }
    if (prediction.role() == OutputRole.VALUES && shape.targetKind() == TargetKind.VALUES) {
      reports.add(new ValuesReport(folder, shape));
    }
    for (OutputSpec output : model.contract().allOutputs()) {
      if (output.role() == OutputRole.STEP_SCORE) {
        reports.add(new StepScorePlot(folder, shape, output, data.test()));
      }
      if (output.role() == OutputRole.STEP_PROBABILITIES && shape.targetKind() == TargetKind.STEP_LABELS) {
        reports.add(new StepProbabilityPlot(folder, shape, output));
      }
    }
    return reports;
  }
}
