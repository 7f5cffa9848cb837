package io.tsllm.heads.backazimuth;

import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.Evaluator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Angular errors in degrees with wrap-around (359 against 1 is 2 degrees): MAE, RMSE and SeisMoLLM's R² (1 - the
 * mean squared wrapped error over the mean squared wrapped deviation of the targets from their plain mean, as its
 * {@code Metrics} computes it); beside the constant prediction of the split's circular mean ({@code naive_}).
 */
final class AngularEvaluator implements Evaluator {

  private final double degreesPerUnit;
  private double[] predictions = new double[256];
  private double[] targets = new double[256];
  private int count;

  AngularEvaluator(double degreesPerUnit) {
    this.degreesPerUnit = degreesPerUnit;
  }

  /** {@code a - b} in degrees, wrapped into [-180, 180]. */
  static double wrapped(double a, double b) {
    double difference = a - b;
    return Math.abs(difference) > 180 ? -Math.signum(difference) * (360 - Math.abs(difference)) : difference;
  }

  @Override
  public void add(EvaluationBatch batch) {
    for (int i = 0; i < batch.count(); i++) {
      if (count == targets.length) {
        targets = Arrays.copyOf(targets, count * 2);
        predictions = Arrays.copyOf(predictions, count * 2);
      }
      // Angles reduced to [0, 360) degrees first, so a target of 361 or -1 is the angle it means.
      predictions[count] = mod360(batch.predictions()[i] * degreesPerUnit);
      targets[count] = mod360(batch.targets()[i] * degreesPerUnit);
      count++;
    }
  }

  private static double mod360(double degrees) {
    double reduced = degrees % 360;
    return reduced < 0 ? reduced + 360 : reduced;
  }

  @Override
  public Map<String, Double> metrics() {
    double absolute = 0;
    double squared = 0;
    double sum = 0;
    double sines = 0;
    double cosines = 0;
    for (int i = 0; i < count; i++) {
      double error = wrapped(targets[i], predictions[i]);
      absolute += Math.abs(error);
      squared += error * error;
      sum += targets[i];
      sines += Math.sin(Math.toRadians(targets[i]));
      cosines += Math.cos(Math.toRadians(targets[i]));
    }
    double mean = sum / count;
    double circularMean = mod360(Math.toDegrees(Math.atan2(sines, cosines)));
    double spread = 0;
    double naiveAbsolute = 0;
    double naiveSquared = 0;
    for (int i = 0; i < count; i++) {
      double deviation = wrapped(targets[i], mean);
      spread += deviation * deviation;
      double naive = wrapped(targets[i], circularMean);
      naiveAbsolute += Math.abs(naive);
      naiveSquared += naive * naive;
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("mae", absolute / count);
    metrics.put("rmse", Math.sqrt(squared / count));
    metrics.put("r2", spread == 0 ? Double.NaN : 1 - squared / spread);
    metrics.put("naive_mae", naiveAbsolute / count);
    metrics.put("naive_rmse", Math.sqrt(naiveSquared / count));
    metrics.put("naive_r2", spread == 0 ? Double.NaN : 1 - naiveSquared / spread);
    return metrics;
  }
}
