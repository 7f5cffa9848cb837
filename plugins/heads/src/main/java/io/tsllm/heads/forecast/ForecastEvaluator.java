package io.tsllm.heads.forecast;

import io.tsllm.spi.Baseline;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.MetricSpec;
import io.tsllm.spi.WindowShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.moment.Mean;

/**
 * MSE, MAE, RMSE, MAPE and MSPE over every forecast value, as Time-Series-Library computes them, on the scaled data
 * (the field's convention for published tables) and, when the dataset was scaled, on the original scale; the same
 * for the naive forecast that repeats each window's last value, the baseline a model must beat. MAPE and MSPE
 * leave out values whose truth is exactly 0 (their ratio is undefined); on scaled data, where values near 0 are
 * common, they are large and unstable, so prefer the {@code _original} ones.
 */
final class ForecastEvaluator implements Evaluator {

  /** The naive forecast: each window's last value, repeated over the horizon. */
  static final Baseline NAIVE = new Baseline("naive", "naive_", "repeats each window's last value");
  static final List<MetricSpec> METRICS = List.of(
      MetricSpec.lowerKey("mse", "mean squared error on the scaled data"),
      MetricSpec.lowerKey("mae", "mean absolute error on the scaled data"),
      MetricSpec.lower("rmse", "root mean squared error on the scaled data"),
      MetricSpec.lower("mape", "mean absolute percentage error on the scaled data (zero truths left out)"),
      MetricSpec.lower("mspe", "mean squared percentage error on the scaled data (zero truths left out)"),
      MetricSpec.lower("mse_original", "mean squared error in the data's units"),
      MetricSpec.lower("mae_original", "mean absolute error in the data's units"),
      MetricSpec.lower("rmse_original", "root mean squared error in the data's units"),
      MetricSpec.lower("mape_original", "mean absolute percentage error in the data's units"),
      MetricSpec.lower("mspe_original", "mean squared percentage error in the data's units"));

  private final WindowShape shape;
  private final Optional<ChannelScaler> scaler;
  private final ErrorMeans model = new ErrorMeans();
  private final ErrorMeans naive = new ErrorMeans();
  private final ErrorMeans modelOriginal = new ErrorMeans();
  private final ErrorMeans naiveOriginal = new ErrorMeans();

  ForecastEvaluator(WindowShape shape, Optional<ChannelScaler> scaler) {
    this.shape = shape;
    this.scaler = scaler;
  }

  @Override
  public void add(EvaluationBatch batch) {
    float[] predictions = batch.predictions();
    float[] targets = batch.targets();
    int count = batch.count();
    float[] inputs = batch.inputs();
    int channels = shape.channels();
    int targetChannels = shape.targetChannels();
    int horizon = shape.targetLength();
    int inputSize = shape.inputSize();
    int targetSize = shape.targetSize();
    for (int s = 0; s < count; s++) {
      int lastRow = s * inputSize + (shape.inputLength() - 1) * channels;
      for (int t = 0; t < horizon; t++) {
        for (int c = 0; c < targetChannels; c++) {
          int i = s * targetSize + t * targetChannels + c;
          int input = shape.inputChannelOfTarget(c);
          double last = inputs[lastRow + input];
          model.add(predictions[i], targets[i]);
          naive.add(last, targets[i]);
          if (scaler.isPresent()) {
            ChannelScaler sc = scaler.get();
            double truth = sc.inverse(targets[i], input);
            modelOriginal.add(sc.inverse(predictions[i], input), truth);
            naiveOriginal.add(sc.inverse(last, input), truth);
          }
        }
      }
    }
  }

  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    model.report("", metrics);
    if (scaler.isPresent()) {
      modelOriginal.report("", "_original", metrics);
    }
    naive.report("naive_", metrics);
    if (scaler.isPresent()) {
      naiveOriginal.report("naive_", "_original", metrics);
    }
    return metrics;
  }

  private static final class ErrorMeans {
    private final Mean squared = new Mean();
    private final Mean absolute = new Mean();
    private final Mean absolutePercentage = new Mean();
    private final Mean squaredPercentage = new Mean();

    void add(double prediction, double truth) {
      double error = prediction - truth;
      squared.increment(error * error);
      absolute.increment(Math.abs(error));
      if (truth != 0) {
        double ratio = error / truth;
        absolutePercentage.increment(Math.abs(ratio));
        squaredPercentage.increment(ratio * ratio);
      }
    }

    void report(String prefix, Map<String, Double> metrics) {
      report(prefix, "", metrics);
    }

    void report(String prefix, String suffix, Map<String, Double> metrics) {
      metrics.put(prefix + "mse" + suffix, squared.getResult());
      metrics.put(prefix + "mae" + suffix, absolute.getResult());
      metrics.put(prefix + "rmse" + suffix, Math.sqrt(squared.getResult()));
      metrics.put(prefix + "mape" + suffix, absolutePercentage.getResult());
      metrics.put(prefix + "mspe" + suffix, squaredPercentage.getResult());
    }
  }
}
