package io.tsllm.heads.regress;

import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.WindowShape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

/**
 * MSE, MAE, RMSE and R² over every target value, in the targets' own units; beside the constant predictor that
 * always says the split's mean target ({@code naive_}, whose MSE is the targets' variance).
 */
final class RegressEvaluator implements Evaluator {

  private final int values;
  private final Mean squared = new Mean();
  private final Mean absolute = new Mean();
  private final Variance truth = new Variance(false);
  private final Mean truthMean = new Mean();
  private final Mean truthAbsolute = new Mean();
  private double[] targets = new double[1024];
  private int count;

  RegressEvaluator(WindowShape shape) {
    this.values = shape.targetSize();
  }

  @Override
  public void add(EvaluationBatch batch) {
    float[] predictions = batch.predictions();
    float[] targetValues = batch.targets();
    int samples = batch.count();
    for (int i = 0; i < samples * values; i++) {
      double error = predictions[i] - targetValues[i];
      squared.increment(error * error);
      absolute.increment(Math.abs(error));
      truth.increment(targetValues[i]);
      truthMean.increment(targetValues[i]);
      if (count == targets.length) {
        targets = java.util.Arrays.copyOf(targets, count * 2);
      }
      targets[count++] = targetValues[i];
    }
  }

  @Override
  public Map<String, Double> metrics() {
    double mean = truthMean.getResult();
    for (int i = 0; i < count; i++) {
      truthAbsolute.increment(Math.abs(targets[i] - mean));
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    double mse = squared.getResult();
    double variance = truth.getResult();
    metrics.put("mse", mse);
    metrics.put("mae", absolute.getResult());
    metrics.put("rmse", Math.sqrt(mse));
    metrics.put("r2", variance == 0 ? Double.NaN : 1 - mse / variance);
    metrics.put("naive_mse", variance);
    metrics.put("naive_mae", truthAbsolute.getResult());
    metrics.put("naive_rmse", Math.sqrt(variance));
    return metrics;
  }
}
